import { z } from 'zod';
import type { Db } from '../connection';

export interface NewEvent {
  type: string;
  leadId?: number | null;
  accountId?: number | null;
  payload?: Record<string, unknown>;
  ts: number;
}

export const eventRowSchema = z.object({
  id: z.number().int(),
  leadId: z.number().int().nullable(),
  accountId: z.number().int().nullable(),
  type: z.string(),
  payload: z.string().transform((s) => JSON.parse(s) as Record<string, unknown>),
  ts: z.number().int(),
});
export type EventRow = z.infer<typeof eventRowSchema>;

/** Appends one entry to the audit trail shown in timelines and statistics. */
export function appendEvent(db: Db, event: NewEvent): number {
  const result = db
    .prepare('INSERT INTO events (lead_id, account_id, type, payload, ts) VALUES (?, ?, ?, ?, ?)')
    .run(event.leadId ?? null, event.accountId ?? null, event.type, JSON.stringify(event.payload ?? {}), event.ts);
  return Number(result.lastInsertRowid);
}

/** Latest events first, optionally of one type; `limit` is capped to keep pages small. */
export function listEvents(db: Db, filter: { type?: string; limit?: number } = {}): EventRow[] {
  const limit = Math.min(filter.limit ?? 100, 1000);
  const rows = db
    .prepare(
      `SELECT id, lead_id AS leadId, account_id AS accountId, type, payload, ts FROM events
       WHERE (@type IS NULL OR type = @type) ORDER BY ts DESC, id DESC LIMIT @limit`,
    )
    .all({ type: filter.type ?? null, limit });
  return z.array(eventRowSchema).parse(rows);
}

export function eventTypesForLead(db: Db, leadId: number): Set<string> {
  return new Set(db.prepare('SELECT DISTINCT type FROM events WHERE lead_id = ?').pluck().all(leadId) as string[]);
}

/** Payloads of one lead's events of a type, oldest first. */
export function eventsOfType(db: Db, leadId: number, type: string): Record<string, unknown>[] {
  const rows = db.prepare('SELECT payload FROM events WHERE lead_id = ? AND type = ? ORDER BY id').pluck().all(leadId, type) as string[];
  return rows.map((r) => JSON.parse(r) as Record<string, unknown>);
}

/** The newest event id (0 when there is none): a mark to read "what happened since" from. */
export function lastEventId(db: Db): number {
  return (db.prepare('SELECT coalesce(max(id), 0) FROM events').pluck().get() as number) ?? 0;
}

/** Event types one lead got after the event id `afterId`, oldest first. */
export function eventTypesSince(db: Db, leadId: number, afterId: number): string[] {
  return db.prepare('SELECT type FROM events WHERE lead_id = ? AND id > ? ORDER BY id').pluck().all(leadId, afterId) as string[];
}
