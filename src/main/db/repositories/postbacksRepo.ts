import { decodeNullableMessage, encodeMessage, type AppMessage } from '../../../shared/appMessage';
import { postbackLogRowSchema, type PostbackLogRow } from '../../../shared/rpc/tracker';
import type { Db } from '../connection';
import { jsonColumn, stmt } from '../statements';

export type PostbackOutcome = PostbackLogRow['outcome'];

/** What the listener stores for every request it logs, before it answers. */
export interface NewPostback {
  receivedAt: number;
  preset: string | null;
  method: string;
  remoteIp: string | null;
  raw: Record<string, unknown>;
  clickId?: string | null;
  event?: string | null;
  transactionId?: string | null;
  parsed?: Record<string, unknown> | null;
  outcome: 'received' | 'rejected' | 'duplicate' | 'ignored';
  error?: AppMessage | null;
}

export function insertPostback(db: Db, row: NewPostback): number {
  const result = stmt(
    db,
    `INSERT INTO postbacks (received_at, preset, method, remote_ip, raw, click_id, event, transaction_id, parsed, outcome, error)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    row.receivedAt,
    row.preset,
    row.method,
    row.remoteIp,
    JSON.stringify(row.raw),
    row.clickId ?? null,
    row.event ?? null,
    row.transactionId ?? null,
    row.parsed ? JSON.stringify(row.parsed) : null,
    row.outcome,
    row.error ? encodeMessage(row.error) : null,
  );
  return Number(result.lastInsertRowid);
}

// ——— conversion ledger (kept when the log is pruned) ———

export interface Conversion {
  /** `[click id, kind, transaction id]`; null for deposits counted without a transaction id. */
  dedupeKey: string | null;
  clickId: string;
  kind: string;
  event: string;
  transactionId: string | null;
  resaleNumber: number | null;
  postbackId: number;
  receivedAt: number;
}

export function conversionKey(clickId: string, kind: string, transactionId: string | null): string {
  return JSON.stringify([clickId, kind, transactionId ?? '']);
}

export function conversionByKey(db: Db, key: string): { event: string; resaleNumber: number | null } | undefined {
  return stmt(db, 'SELECT event, resale_number AS resaleNumber FROM postback_conversions WHERE dedupe_key = ?').get(key) as
    | { event: string; resaleNumber: number | null }
    | undefined;
}

/** How many conversions of a kind a click has, and how many of them are re-deposits. */
export function conversionCounts(db: Db, clickId: string, kind: string): { all: number; resales: number } {
  return stmt(db, "SELECT count(*) AS \"all\", coalesce(sum(event = 'resale'), 0) AS resales FROM postback_conversions WHERE click_id = ? AND kind = ?").get(clickId, kind) as {
    all: number;
    resales: number;
  };
}

export function insertConversion(db: Db, c: Conversion): void {
  stmt(
    db,
    `INSERT INTO postback_conversions (dedupe_key, click_id, kind, event, transaction_id, resale_number, postback_id, received_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(c.dedupeKey, c.clickId, c.kind, c.event, c.transactionId, c.resaleNumber, c.postbackId, c.receivedAt);
}

/** Retention: finished log rows older than the cutoff go; rows still waiting for a lead stay. */
export function prunePostbacks(db: Db, olderThan: number): number {
  return stmt(db, "DELETE FROM postbacks WHERE received_at < ? AND outcome NOT IN ('received', 'pending')").run(olderThan).changes;
}

interface RawRow {
  id: number;
  received_at: number;
  preset: string | null;
  method: string;
  remote_ip: string | null;
  raw: string;
  click_id: string | null;
  event: string | null;
  transaction_id: string | null;
  lead_id: number | null;
  parsed: string | null;
  outcome: string;
  error: string | null;
}

const columns = 'id, received_at, preset, method, remote_ip, raw, click_id, event, transaction_id, lead_id, parsed, outcome, error';

function toRow(raw: RawRow): PostbackLogRow {
  return postbackLogRowSchema.parse({
    id: raw.id,
    receivedAt: raw.received_at,
    preset: raw.preset,
    method: raw.method,
    remoteIp: raw.remote_ip,
    raw: jsonColumn(raw.raw, {}),
    clickId: raw.click_id,
    event: raw.event,
    transactionId: raw.transaction_id,
    leadId: raw.lead_id,
    parsed: raw.parsed === null ? null : jsonColumn(raw.parsed, {}),
    outcome: raw.outcome,
    error: decodeNullableMessage(raw.error),
  });
}

export function getPostback(db: Db, id: number): PostbackLogRow | undefined {
  const raw = stmt(db, `SELECT ${columns} FROM postbacks WHERE id = ?`).get(id) as RawRow | undefined;
  return raw && toRow(raw);
}

export function setPostbackOutcome(db: Db, id: number, outcome: PostbackOutcome, fields: { leadId?: number | null; error?: AppMessage | null } = {}): void {
  stmt(db, 'UPDATE postbacks SET outcome = ?, lead_id = coalesce(?, lead_id), error = ? WHERE id = ?').run(outcome, fields.leadId ?? null, fields.error ? encodeMessage(fields.error) : null, id);
}

/** Moves a pending row back to `received` for this lead; false when someone else claimed it first. */
export function claimPending(db: Db, id: number, leadId: number): boolean {
  return stmt(db, "UPDATE postbacks SET outcome = 'received', lead_id = ? WHERE id = ? AND outcome = 'pending'").run(leadId, id).changes === 1;
}

export function pendingIdsForClick(db: Db, clickId: string, since: number): number[] {
  return stmt(db, "SELECT id FROM postbacks WHERE click_id = ? AND outcome = 'pending' AND received_at >= ? ORDER BY id").pluck().all(clickId, since) as number[];
}

/** Pending rows older than the window give up: logged as rejected, with the reason. */
export function expirePending(db: Db, olderThan: number, reason: AppMessage): number {
  return stmt(db, "UPDATE postbacks SET outcome = 'rejected', error = ? WHERE outcome = 'pending' AND received_at < ?").run(encodeMessage(reason), olderThan).changes;
}

export function countPending(db: Db): number {
  return stmt(db, "SELECT count(*) FROM postbacks WHERE outcome = 'pending'").pluck().get() as number;
}

/** Rows accepted but not finished (the app stopped mid-way): processed again at start-up. */
export function unfinishedIds(db: Db): number[] {
  return stmt(db, "SELECT id FROM postbacks WHERE outcome = 'received' ORDER BY id").pluck().all() as number[];
}

/** Whether the engine already recorded this postback's event (so a restart never applies it twice). */
export function postbackEventRecorded(db: Db, leadId: number, postbackId: number): boolean {
  return (
    stmt(db, "SELECT 1 FROM events WHERE lead_id = ? AND type = 'lead.event' AND json_extract(payload, '$.postbackId') = ?").pluck().get(leadId, postbackId) !== undefined
  );
}

export interface PostbackLogFilter {
  outcome?: PostbackOutcome;
  preset?: string;
  clickId?: string;
  leadId?: number;
  beforeId?: number;
  limit: number;
}

/** Newest first, keyset-paged by id. */
export function listPostbacks(db: Db, filter: PostbackLogFilter): PostbackLogRow[] {
  const rows = db
    .prepare(
      `SELECT ${columns} FROM postbacks
       WHERE (@outcome IS NULL OR outcome = @outcome) AND (@preset IS NULL OR preset = @preset)
         AND (@clickId IS NULL OR click_id = @clickId) AND (@leadId IS NULL OR lead_id = @leadId)
         AND (@beforeId IS NULL OR id < @beforeId)
       ORDER BY id DESC LIMIT @limit`,
    )
    .all({
      outcome: filter.outcome ?? null,
      preset: filter.preset ?? null,
      clickId: filter.clickId ?? null,
      leadId: filter.leadId ?? null,
      beforeId: filter.beforeId ?? null,
      limit: Math.min(filter.limit, 500),
    }) as RawRow[];
  return rows.map(toRow);
}

/** The newest postback log row id (0 when none), e.g. to find the rows a request just produced. */
export function lastPostbackId(db: Db): number {
  return (stmt(db, 'SELECT coalesce(max(id), 0) FROM postbacks').pluck().get() as number) ?? 0;
}
