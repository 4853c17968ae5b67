import { z } from 'zod';
import type { Db } from '../connection';
import { parseJsonColumn } from '../jsonColumn';

export interface NewEvent {
  type: string;
  leadId?: number | null;
  accountId?: number | null;
  payload?: Record<string, unknown>;
  ts: number;
}

/** Appends one entry to the audit trail shown in timelines and statistics. */
export function appendEvent(db: Db, event: NewEvent): number {
  const result = db
    .prepare('INSERT INTO events (lead_id, account_id, type, payload, ts) VALUES (?, ?, ?, ?, ?)')
    .run(event.leadId ?? null, event.accountId ?? null, event.type, JSON.stringify(event.payload ?? {}), event.ts);
  return Number(result.lastInsertRowid);
}

export function eventTypesForLead(db: Db, leadId: number): Set<string> {
  return new Set(db.prepare('SELECT DISTINCT type FROM events WHERE lead_id = ?').pluck().all(leadId) as string[]);
}

/** Payloads of one lead's events of a type, oldest first. */
export function eventsOfType(db: Db, leadId: number, type: string): Record<string, unknown>[] {
  const rows = db.prepare('SELECT id, payload FROM events WHERE lead_id = ? AND type = ? ORDER BY id').all(leadId, type) as { id: number; payload: string }[];
  return rows.map((r) => parseJsonColumn(r.payload, z.record(z.string(), z.unknown()), 'events.payload', r.id));
}

/** The newest event id (0 when there is none): a mark to read "what happened since" from. */
export function lastEventId(db: Db): number {
  return (db.prepare('SELECT coalesce(max(id), 0) FROM events').pluck().get() as number) ?? 0;
}

/** Event types one lead got after the event id `afterId`, oldest first. */
export function eventTypesSince(db: Db, leadId: number, afterId: number): string[] {
  return db.prepare('SELECT type FROM events WHERE lead_id = ? AND id > ? ORDER BY id').pluck().all(leadId, afterId) as string[];
}
