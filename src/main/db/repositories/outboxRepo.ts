import type { Db } from '../connection';
import { z } from 'zod';
import { parseJsonColumn } from '../jsonColumn';
import { stmt } from '../statements';

export interface OutgoingRow {
  text: string;
  media?: { kind: string; path: string };
  notBefore: number;
  randomId: string;
  sender: 'bot' | 'operator';
}

/** Queues one outgoing message: a `messages` row for the chat view and an `outbox` row for the sender. */
export function enqueueOutgoing(db: Db, leadId: number, accountId: number, row: OutgoingRow, now: number): number {
  const message = stmt(
    db,
    "INSERT INTO messages (lead_id, direction, sender, text, media, status, ts) VALUES (?, 'out', ?, ?, ?, 'queued', ?)",
  ).run(leadId, row.sender, row.text, row.media ? JSON.stringify(row.media) : null, row.notBefore);
  const messageId = Number(message.lastInsertRowid);
  stmt(db, 'INSERT INTO outbox (lead_id, account_id, message_id, random_id, payload, not_before, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    leadId,
    accountId,
    messageId,
    row.randomId,
    JSON.stringify({ text: row.text, media: row.media ?? null }),
    row.notBefore,
    now,
  );
  return messageId;
}

/** A stopped lead gets nothing more: pending rows are cancelled (with their chat messages). */
export function cancelPendingOutbox(db: Db, leadId: number): void {
  stmt(db, "UPDATE messages SET status = 'cancelled' WHERE id IN (SELECT message_id FROM outbox WHERE lead_id = ? AND status = 'pending')").run(leadId);
  stmt(db, "UPDATE outbox SET status = 'cancelled' WHERE lead_id = ? AND status = 'pending'").run(leadId);
}

export interface OutboxItem {
  id: number;
  leadId: number;
  accountId: number;
  messageId: number | null;
  randomId: string;
  text: string;
  media: { kind: string; path: string } | null;
  notBefore: number;
  attempts: number;
  /** Parts of a split text already sent (a resend continues after them). */
  partsSent: number;
}

/** An outbox row as stored; `toOutboxItem` is the one place that reads it. */
export interface RawOutbox {
  id: number;
  lead_id: number;
  account_id: number;
  message_id: number | null;
  random_id: string;
  payload: string;
  not_before: number;
  attempts: number;
  parts_sent: number;
}

const payloadSchema = z.object({ text: z.string(), media: z.object({ kind: z.string(), path: z.string() }).nullable().default(null) });

/** Throws `StoredStateError` when the payload is damaged: a made-up (empty) message must never go out. */
export function toOutboxItem(r: RawOutbox): OutboxItem {
  const payload = parseJsonColumn(r.payload, payloadSchema, 'outbox.payload', r.id);
  return { id: r.id, leadId: r.lead_id, accountId: r.account_id, messageId: r.message_id, randomId: r.random_id, text: payload.text, media: payload.media, notBefore: r.not_before, attempts: r.attempts, partsSent: r.parts_sent };
}

export function markOutboxSent(db: Db, id: number, telegramId: number | null, now: number): void {
  db.transaction(() => {
    stmt(db, "UPDATE outbox SET status = 'sent', sent_telegram_id = ?, sent_at = ?, attempts = attempts + 1 WHERE id = ? AND status = 'pending'").run(telegramId, now, id);
    stmt(db, "UPDATE messages SET status = 'sent', telegram_id = ?, ts = ? WHERE id = (SELECT message_id FROM outbox WHERE id = ?)").run(telegramId, now, id);
  })();
}

/**
 * The operator retries a failed message: its row is pending again (same random_id, from its first
 * part), due now. Returns the account to wake, or undefined when the message had no failed row.
 */
export function retryFailedOutbox(db: Db, messageId: number, now: number): number | undefined {
  return db.transaction(() => {
    const row = stmt(db, "SELECT id, account_id FROM outbox WHERE message_id = ? AND status = 'failed'").get(messageId) as { id: number; account_id: number } | undefined;
    if (!row) return undefined;
    stmt(db, "UPDATE outbox SET status = 'pending', not_before = ?, last_error = NULL, attempts = 0 WHERE id = ?").run(now, row.id);
    stmt(db, "UPDATE messages SET status = 'queued' WHERE id = ?").run(messageId);
    return row.account_id;
  })();
}

/** The operator drops a failed message: it stays in the chat as cancelled. Returns whether it was failed. */
export function dropFailedOutbox(db: Db, messageId: number): boolean {
  return db.transaction(() => {
    const changed = stmt(db, "UPDATE outbox SET status = 'cancelled' WHERE message_id = ? AND status = 'failed'").run(messageId).changes > 0;
    if (changed) stmt(db, "UPDATE messages SET status = 'cancelled' WHERE id = ?").run(messageId);
    return changed;
  })();
}

/** Which lead a message belongs to (for events after retry / drop). */
export function messageLeadId(db: Db, messageId: number): number | undefined {
  return stmt(db, 'SELECT lead_id FROM messages WHERE id = ?').pluck().get(messageId) as number | undefined;
}
