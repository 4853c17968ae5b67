import { englishText, isAppMessage, msg, type AppMessage } from '../../shared/appMessage';
import type { PostbackLogRow, TrackerPresetId, TrackerSettings } from '../../shared/rpc/tracker';
import type { Db } from '../db/connection';
import { conversionByKey, conversionCounts, conversionKey, getPostback, insertConversion, insertPostback } from '../db/repositories/postbacksRepo';
import type { WriteQueue } from '../db/writeQueue';
import type { z } from 'zod';
import { trackerPresetIdSchema } from '../../shared/rpc/tracker';
import { parsedPostbackSchema, parsePostback, type ParsedPostback, type ParseResult } from './parsePostback';
import { conversionKind, presets, resolvePreset, type Preset } from './presets';

/** One postback request, however it arrived (the HTTP listener, or `voronka simulate` without HTTP). */
export interface PostbackRequest {
  preset: TrackerPresetId;
  method: string;
  remoteIp: string | null;
  /** What the log keeps of the request (query, body; never the path token). */
  raw: Record<string, unknown>;
  /** The request's params, or why they could not be read (malformed encoding, JSON limits…). */
  params: Readonly<Record<string, string>> | { status: number; error: AppMessage };
}

export interface IntakeResult {
  /** What to answer the sender: 200 for everything it must not resend (accepted, duplicate, ignored). */
  status: number;
  body: string;
  /** The stored row, for outcomes already final (rejected, duplicate, ignored); accepted ones are processed next. */
  row: PostbackLogRow | undefined;
  /** The log row's id (0 when the listener was closing and nothing was stored). */
  id: number;
}

export interface IntakeDeps {
  db: Db;
  writes: WriteQueue;
  now: () => number;
  settings(): TrackerSettings;
  /** An accepted, stored postback to turn into a lead event. */
  onAccepted(id: number): void;
  /** A row logged with its final outcome (rejected, duplicate, ignored). */
  onLogged(row: PostbackLogRow): void;
}

/**
 * The one way a postback enters Voronka: parsed through its preset, de-duplicated against the
 * conversion ledger and stored in one durable write (fully synced: a tracker never resends what it
 * saw accepted), then handed to the processor. The HTTP listener and the simulator both call this.
 */
export async function receivePostback(deps: IntakeDeps, request: PostbackRequest): Promise<IntakeResult> {
  const settings = deps.settings();
  const preset = resolvePreset(request.preset, settings.presets[request.preset]);
  const failure = unreadable(request.params);
  const parsed: ParseResult = failure ? { ok: false, status: 400, error: failure.error } : parsePostback(request.params as Readonly<Record<string, string>>, preset);
  const httpStatus = failure ? failure.status : parsed.ok ? 200 : parsed.status;
  const stored = await deps.writes.run(() => {
    const result = storePostback(deps.db, deps.now(), request, preset.repeatWithoutTid, parsed);
    // An accepted row is reported by the processor once it has an outcome; only final ones are read back here.
    return { ...result, row: result.outcome === 'received' ? undefined : getPostback(deps.db, result.id) };
  }, { durable: true });
  if (stored.outcome === 'received') deps.onAccepted(stored.id);
  else if (stored.row) deps.onLogged(stored.row);
  const error = parsed.ok ? null : parsed.error;
  // The sender reads the reason in English; the log keeps it coded for the operator's language.
  return { status: httpStatus, body: error ? englishText(error) : settings.responseBody, row: stored.row, id: stored.id };
}

/** A param named `status` is a string: only the listener's own verdict carries a numeric one. */
function unreadable(params: PostbackRequest['params']): { status: number; error: AppMessage } | undefined {
  const candidate = params as { status?: unknown; error?: unknown };
  return typeof candidate.status === 'number' && isAppMessage(candidate.error) ? { status: candidate.status, error: candidate.error } : undefined;
}

/** Where a postback that did not come over HTTP came from (the simulator's direct form). */
export interface PostbackSource {
  method: string;
  remoteIp: string | null;
  /** The preset whose repeat rule applies; null = each re-deposit counts (an explicit event per call). */
  preset: string | null;
  raw: Record<string, unknown>;
}

/**
 * A postback already parsed (`voronka simulate`'s `{"postback": {"event": …}}`): the same ledger,
 * de-duplication, durable store and processing as the listener's requests.
 */
export async function acceptParsedPostback(deps: IntakeDeps, input: z.input<typeof parsedPostbackSchema>, source: PostbackSource): Promise<{ id: number; duplicate: boolean }> {
  const postback = parsedPostbackSchema.parse(input);
  const preset = trackerPresetIdSchema.safeParse(source.preset).data;
  const rule = preset ? presets[preset].repeatWithoutTid : 'count';
  const stored = await deps.writes.run(() => {
    const result = storePostback(deps.db, deps.now(), source, rule, { ok: true, postback });
    return { ...result, row: result.outcome === 'received' ? undefined : getPostback(deps.db, result.id) };
  }, { durable: true });
  if (stored.outcome === 'received') deps.onAccepted(stored.id);
  else if (stored.row) deps.onLogged(stored.row);
  return { id: stored.id, duplicate: stored.outcome === 'duplicate' };
}

type Stored = { id: number; outcome: 'received' | 'duplicate' | 'ignored' | 'rejected' };

/**
 * Stores one parsed request and decides, against what this click already has, what it is (sync,
 * inside the caller's write):
 * - a deposit with a transaction id not seen for the click is a re-deposit (`resale` #N) once the
 *   click has a first deposit; the same transaction id again is a duplicate;
 * - a deposit without a transaction id: trackers count one per click (a repeat is a duplicate);
 *   programmes that fire one URL per deposit (`repeatWithoutTid: 'count'`) count each re-deposit;
 * - any other event is one per (click, event, transaction id).
 */
export function storePostback(
  db: Db,
  now: number,
  request: { preset: string | null; method: string; remoteIp: string | null; raw: Record<string, unknown> },
  repeatWithoutTid: Preset['repeatWithoutTid'],
  parsed: ParseResult,
): Stored {
  const base = { receivedAt: now, preset: request.preset, method: request.method.slice(0, 16), remoteIp: request.remoteIp, raw: request.raw };
  if (!parsed.ok) return { id: insertPostback(db, { ...base, outcome: 'rejected', error: parsed.error }), outcome: 'rejected' };
  if ('ignored' in parsed) {
    const { clickId, status } = parsed.ignored;
    const error = msg('pbIgnored', { status: status.slice(0, 64) });
    return { id: insertPostback(db, { ...base, clickId, parsed: { clickId, status }, outcome: 'ignored', error }), outcome: 'ignored' };
  }
  const p = parsed.postback;
  const decision = classify(db, p, repeatWithoutTid);
  const postback: ParsedPostback = { ...p, event: decision.event, ...(decision.resaleNumber ? { resaleNumber: decision.resaleNumber } : {}) };
  const row = { ...base, clickId: p.clickId, event: decision.event, transactionId: p.transactionId, parsed: postback };
  if (decision.duplicate) return { id: insertPostback(db, { ...row, outcome: 'duplicate', error: decision.duplicate }), outcome: 'duplicate' };
  const id = insertPostback(db, { ...row, outcome: 'received' });
  insertConversion(db, {
    dedupeKey: decision.key,
    clickId: p.clickId,
    kind: conversionKind(decision.event),
    event: decision.event,
    transactionId: p.transactionId,
    resaleNumber: decision.resaleNumber ?? null,
    postbackId: id,
    receivedAt: now,
  });
  return { id, outcome: 'received' };
}

interface Decision {
  event: string;
  resaleNumber?: number;
  key: string | null;
  /** Why this is a duplicate, when it is one. */
  duplicate?: AppMessage;
}

function classify(db: Db, p: ParsedPostback, repeatWithoutTid: Preset['repeatWithoutTid']): Decision {
  const kind = conversionKind(p.event);
  const tid = p.transactionId;
  if (kind !== 'deposit') {
    const key = conversionKey(p.clickId, kind, tid);
    return conversionByKey(db, key) ? { event: p.event, key, duplicate: msg('pbDuplicate') } : { event: p.event, key };
  }
  const counts = conversionCounts(db, p.clickId, 'deposit');
  const next = (event: string, key: string | null): Decision => (event === 'resale' ? { event, key, resaleNumber: counts.resales + 1 } : { event, key });
  if (tid !== null) {
    const key = conversionKey(p.clickId, 'deposit', tid);
    const seen = conversionByKey(db, key);
    if (seen) return { event: seen.event, ...(seen.resaleNumber ? { resaleNumber: seen.resaleNumber } : {}), key, duplicate: msg('pbDuplicateTransaction') };
    return next(counts.all > 0 ? 'resale' : p.event, key);
  }
  if (counts.all > 0 && (p.event === 'sale' || repeatWithoutTid === 'duplicate')) {
    return { event: p.event, key: null, duplicate: msg('pbDuplicateDeposit') };
  }
  // Programmes that fire once per deposit: each re-deposit without an id is the next one.
  if (p.event === 'resale' && repeatWithoutTid === 'count') return next('resale', null);
  return next(p.event, conversionKey(p.clickId, 'deposit', null));
}
