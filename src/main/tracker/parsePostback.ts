import type { Preset } from './presets';
import { unfilledMacro } from './unfilledMacro';

/** What a postback asks for, once read through its preset. */
export interface ParsedPostback {
  clickId: string;
  event: string;
  /** The status value as sent (kept for the log, like Keitaro's `original_status`). */
  status: string | null;
  amount: number | null;
  currency: string | null;
  transactionId: string | null;
  /** `fields.KEY=value` params: custom fields to write on the lead. */
  fields: Record<string, string>;
}

export type ParseResult = { ok: true; postback: ParsedPostback } | { ok: false; status: 400 | 422; error: string };

const eventName = /^[A-Za-z0-9_.-]{1,64}$/;
const fieldKey = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const maxFields = 20;
const maxIdLength = 200;

/**
 * Reads a postback's params through a preset. Pure: the listener stores and answers; this decides
 * whether the request means anything. Rejections name the param so the sender's log explains itself.
 */
export function parsePostback(params: Readonly<Record<string, string>>, preset: Preset): ParseResult {
  const pick = (names: readonly string[]): { name: string; value: string } | undefined => {
    for (const name of names) {
      const value = params[name]?.trim();
      if (value) return { name, value };
    }
    return undefined;
  };
  const fields = Object.entries(params).filter(([k]) => k.startsWith('fields.'));
  const read = {
    clickId: pick(preset.clickIdParams),
    status: pick(preset.statusParams),
    payout: pick(preset.payoutParams),
    currency: pick(preset.currencyParams),
    transactionId: pick(preset.transactionIdParams),
  };
  for (const found of [...Object.values(read), ...fields.map(([name, value]) => ({ name, value }))]) {
    const macro = found && unfilledMacro(found.value);
    if (found && macro) return { ok: false, status: 400, error: `Unfilled macro in ${found.name}: ${macro}` };
  }
  if (!read.clickId) return { ok: false, status: 400, error: `Missing click id (${preset.clickIdParams.join(' or ')})` };
  if (read.clickId.value.length > maxIdLength) return { ok: false, status: 400, error: `Click id longer than ${maxIdLength} characters` };

  const event = eventFor(read.status?.value, preset, params);
  if (!event) {
    return read.status
      ? { ok: false, status: 422, error: `Unknown status "${read.status.value.slice(0, 64)}" in ${read.status.name}: map it to an event in the preset` }
      : { ok: false, status: 422, error: `Missing status (${preset.statusParams.join(' or ')})` };
  }

  const custom: Record<string, string> = {};
  for (const [name, value] of fields.slice(0, maxFields)) {
    const key = name.slice('fields.'.length);
    if (!fieldKey.test(key)) return { ok: false, status: 400, error: `Bad custom field name: ${name.slice(0, 80)}` };
    custom[key] = value.slice(0, 500);
  }
  return {
    ok: true,
    postback: {
      clickId: read.clickId.value,
      event,
      status: read.status?.value ?? null,
      amount: read.payout ? amountOf(read.payout.value) : null,
      currency: read.currency ? read.currency.value.slice(0, 10).toUpperCase() : null,
      transactionId: read.transactionId ? read.transactionId.value.slice(0, maxIdLength) : null,
      fields: custom,
    },
  };
}

/**
 * Status → event: the preset's map, then Keitaro-style mappings carried in the URL itself
 * (`sale_status=approved,confirmed`, `lead_status=hold`), then custom names if allowed.
 */
function eventFor(status: string | undefined, preset: Preset, params: Readonly<Record<string, string>>): string | undefined {
  if (status === undefined) return preset.defaultEvent ?? undefined;
  const key = status.toLowerCase();
  // Own keys only: a status of "constructor" must not find Object.prototype's.
  const mapped = Object.hasOwn(preset.statusMap, key) ? preset.statusMap[key] : undefined;
  if (mapped) return mapped;
  for (const [name, list] of Object.entries(params)) {
    const match = /^(\w+)_status$/.exec(name);
    if (!match?.[1] || preset.statusParams.includes(name)) continue;
    const values = list.toLowerCase().split(',').map((v) => v.trim());
    const event = (Object.hasOwn(urlStatusAliases, match[1]) ? urlStatusAliases[match[1]] : undefined) ?? match[1];
    if (values.includes(key) && eventName.test(event)) return event;
  }
  return preset.acceptCustomEvents && eventName.test(status) ? status : undefined;
}

/** Keitaro's status names for the URL-carried mappings. */
const urlStatusAliases: Record<string, string> = { lead: 'registration', rebill: 'resale' };

/** "12.50", "12,50", "1 000.5" → number; anything else → null (an odd payout never rejects an event). */
function amountOf(text: string): number | null {
  const normalised = text.replace(/\s/g, '').replace(',', '.');
  const value = Number(normalised);
  return normalised !== '' && Number.isFinite(value) ? Math.round(value * 1e6) / 1e6 : null;
}
