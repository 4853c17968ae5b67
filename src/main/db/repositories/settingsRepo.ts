import { z } from 'zod';
import { settingsSchema, type Settings, type SettingsPatch } from '../../../shared/settings';
import type { Db } from '../connection';

const rowSchema = z.object({ key: z.string(), value: z.string() });

/**
 * Reads all settings, falling back to `defaults` for keys never written. A stored value that no
 * longer parses (e.g. written by a future build) falls back too, instead of breaking start-up.
 */
export function getSettings(db: Db, defaults: Settings): Settings {
  const rows = z.array(rowSchema).parse(db.prepare('SELECT key, value FROM settings').all());
  const stored = Object.fromEntries(rows.map((r) => [r.key, safeJson(r.value)]));
  const merged: Record<string, unknown> = { ...defaults };
  for (const key of Object.keys(settingsSchema.shape) as (keyof Settings)[]) {
    const field = settingsSchema.shape[key].safeParse(stored[key]);
    if (key in stored && field.success) merged[key] = field.data;
  }
  return settingsSchema.parse(merged);
}

/** Writes the given keys in one transaction and returns the full settings after the write. */
export function updateSettings(db: Db, patch: SettingsPatch, defaults: Settings, now: number): Settings {
  const upsert = db.prepare(
    `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  );
  db.transaction(() => {
    for (const [key, value] of Object.entries(patch)) {
      if (value !== undefined) upsert.run(key, JSON.stringify(value), now);
    }
  })();
  return getSettings(db, defaults);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
