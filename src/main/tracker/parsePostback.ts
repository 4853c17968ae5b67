import { msg, type AppMessage } from '../../shared/appMessage';
import { z } from 'zod';
import { parsePayout } from './payout';
import type { Preset } from './presets';
import { unfilledMacro } from './unfilledMacro';

/** What a postback asks for, once read through its preset (stored as the log row's `parsed`). */
export const parsedPostbackSchema = z.object({
  clickId: z.string(),
  /** The event the preset reads; de-duplication may still turn a first deposit into a re-deposit. */
  event: z.string(),
  /** The status word as sent (Keitaro's "original status"), kept for the log. */
  status: z.string().nullable(),
  amount: z.number().nullable(),
  currency: z.string().nullable(),
  /** The payout as sent, when there was one. */
  payoutRaw: z.string().nullable().default(null),
  /** The payout could not be read: kept raw and flagged, never silently counted as nothing. */
  payoutUnparsed: z.boolean().default(false),
  transactionId: z.string().nullable(),
  /** `fields.KEY=value` params: custom fields to write on the lead. */
  fields: z.record(z.string(), z.string()),
  /** Re-deposit number N (resale #N) once de-duplication has placed it. */
  resaleNumber: z.number().int().optional(),
});
export type ParsedPostback = z.infer<typeof parsedPostbackSchema>;

export type ParseResult =
  | { ok: true; postback: ParsedPostback }
  /** Keitaro's `ignore_status=`: logged as ignored, answered 200, no event. */
  | { ok: true; ignored: { clickId: string; status: string } }
  | { ok: false; status: 400 | 422; error: AppMessage };

const eventName = /^[A-Za-z0-9_.-]{1,64}$/;
const fieldKey = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const maxFields = 20;
const maxIdLength = 200;

/** Keitaro's request-side transformations, in its documentation's order. */
const transforms: readonly (readonly [param: string, status: string])[] = [
  ['lead_status', 'lead'],
  ['sale_status', 'sale'],
  ['rejected_status', 'rejected'],
];
/** RedTrack's four conversion statuses (no status = Other). */
const redTrackStatuses = new Set(['approved', 'pending', 'declined', 'other']);

/**
 * Reads a postback's params through a preset. Pure: the intake stores and de-duplicates; this decides
 * what the request means. Rejections name the param so the sender's log explains itself.
 */
export function parsePostback(params: Readonly<Record<string, string>>, preset: Preset): ParseResult {
  const pick = (names: readonly string[]): { name: string; value: string } | undefined => {
    for (const name of names) {
      const value = Object.hasOwn(params, name) ? params[name]?.trim() : undefined;
      if (value) return { name, value };
    }
    return undefined;
  };
  const fields = Object.entries(params).filter(([k]) => k.startsWith('fields.'));
  const read = {
    clickId: pick(preset.clickIdParams),
    status: pick(preset.statusParams),
    conversionStatus: preset.conversionStatusParam ? pick([preset.conversionStatusParam]) : undefined,
    payout: pick(preset.payoutParams),
    currency: pick(preset.currencyParams),
    transactionId: pick(preset.transactionIdParams),
  };
  for (const found of [...Object.values(read), ...fields.map(([name, value]) => ({ name, value }))]) {
    const macro = found && unfilledMacro(found.value);
    if (found && macro) return { ok: false, status: 400, error: msg('pbUnfilledMacro', { param: found.name, macro }) };
  }
  if (!read.clickId) return { ok: false, status: 400, error: msg('pbMissingClickId', { params: preset.clickIdParams.join(' / ') }) };
  if (read.clickId.value.length > maxIdLength) return { ok: false, status: 400, error: msg('pbClickIdTooLong', { max: maxIdLength }) };
  const clickId = read.clickId.value;

  if (preset.requestTransforms && read.status && listed(params.ignore_status ?? params.ignore, read.status.value)) {
    return { ok: true, ignored: { clickId, status: read.status.value } };
  }
  const decided = eventFor(read.status, read.conversionStatus, preset, params);
  if ('error' in decided) return { ok: false, status: 422, error: decided.error };

  const custom: Record<string, string> = {};
  for (const [name, value] of fields.slice(0, maxFields)) {
    const key = name.slice('fields.'.length);
    if (!fieldKey.test(key)) return { ok: false, status: 400, error: msg('pbBadFieldName', { name: name.slice(0, 80) }) };
    custom[key] = value.slice(0, 500);
  }
  const payout = read.payout ? parsePayout(read.payout.value) : undefined;
  const tid = read.transactionId?.value.slice(0, maxIdLength) ?? null;
  const currency = read.currency?.value.slice(0, 10).toUpperCase() ?? (payout?.ok ? payout.currency : null);
  return {
    ok: true,
    postback: {
      clickId,
      event: decided.event,
      // RedTrack's Declined is what made this a rejection: that is the word to keep.
      status: decided.word ?? null,
      amount: payout?.ok ? payout.amount : null,
      currency,
      payoutRaw: read.payout?.value.slice(0, 100) ?? null,
      payoutUnparsed: payout !== undefined && !payout.ok,
      // A "transaction id" equal to the click id is the sub id some programmes put in that macro.
      transactionId: tid === clickId ? null : tid,
      fields: custom,
    },
  };
}

function listed(list: string | undefined, word: string): boolean {
  if (!list) return false;
  const key = word.toLowerCase();
  return list.split(',').some((w) => w.trim().toLowerCase() === key);
}

type Decision = { event: string; word?: string } | { error: AppMessage };

/**
 * Status → event: the request's own transformations (Keitaro), then the preset's map (as the operator
 * extended it), then custom names if allowed. RedTrack's Declined makes any type a rejection.
 */
function eventFor(
  status: { name: string; value: string } | undefined,
  conversionStatus: { name: string; value: string } | undefined,
  preset: Preset,
  params: Readonly<Record<string, string>>,
): Decision {
  if (conversionStatus) {
    const word = conversionStatus.value.toLowerCase();
    if (!redTrackStatuses.has(word)) return { error: msg('pbRedTrackStatus', { value: conversionStatus.value.slice(0, 64), param: conversionStatus.name }) };
    if (word === 'declined') return { event: 'rejected', word: conversionStatus.value };
  }
  if (!status) {
    return preset.defaultEvent ? { event: preset.defaultEvent, word: conversionStatus?.value } : { error: msg('pbMissingStatus', { params: preset.statusParams.join(' / ') }) };
  }
  let key = preset.caseSensitive ? status.value : status.value.toLowerCase();
  if (preset.requestTransforms) {
    const transformed = transforms.find(([param]) => listed(params[param], status.value));
    if (transformed) key = transformed[1];
  }
  // Own keys only: a status of "constructor" must not find Object.prototype's.
  const mapped = Object.hasOwn(preset.statusMap, key) ? preset.statusMap[key] : undefined;
  if (mapped) return { event: mapped, word: status.value };
  if (preset.acceptCustomEvents && eventName.test(status.value)) return { event: status.value, word: status.value };
  return { error: msg(preset.caseSensitive ? 'pbUnknownType' : 'pbUnknownStatus', { value: status.value.slice(0, 64), param: status.name }) };
}
