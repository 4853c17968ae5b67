import { z } from 'zod';

const units: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** Parses durations like `90s`, `10m`, `1h30m`, `2d` into milliseconds; undefined when malformed. */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim().toLowerCase();
  if (!/^(\d+(\.\d+)?\s*[smhdw]\s*)+$/.test(trimmed)) return undefined;
  let total = 0;
  for (const [, amount, unit] of trimmed.matchAll(/(\d+(?:\.\d+)?)\s*([smhdw])/g)) {
    total += Number(amount) * (units[unit as string] ?? 0);
  }
  return Math.round(total);
}

/**
 * A duration written as text (`"10m"`) in scripts and scenarios. Kept as text in the parsed value so
 * a script round-trips to the same JSON; executors convert with parseDuration.
 */
export const durationSchema = z
  .string()
  .refine((text) => parseDuration(text) !== undefined, {
    message: 'duration',
  });

/** parseDuration for text already validated by durationSchema. */
export function durationMs(text: string): number {
  return parseDuration(text) ?? 0;
}
