import type { Db } from '../connection';
import { z } from 'zod';
import { parseJsonColumn } from '../jsonColumn';
import { stmt } from '../statements';

/**
 * The send queue: an outgoing message is one `messages` row that carries its own send state
 * (account, random_id, not_before, attempts, parts sent, last error, sent time; migration 0014).
 * It is queued while `status = 'queued'`, then 'sent' (later 'read'), 'failed' or 'cancelled'.
 */

export interface OutgoingRow {
  text: string;
  media?: { kind: string; path: string };
  notBefore: number;
  randomId: string;
  sender: 'bot' | 'operator';
}

/** Queues one outgoing message: one row, which the chat view shows and the sender sends. */
export function enqueueOutgoing(db: Db, leadId: number, accountId: number, row: OutgoingRow): number {
  const message = stmt(
    db,
    "INSERT INTO messages (lead_id, direction, sender, text, media, status, ts, account_id, random_id, not_before) VALUES (?, 'out', ?, ?, ?, 'queued', ?, ?, ?, ?)",
  ).run(leadId, row.sender, row.text, row.media ? JSON.stringify(row.media) : null, row.notBefore, accountId, row.randomId, row.notBefore);
  return Number(message.lastInsertRowid);
}

/** A stopped lead gets nothing more: its queued messages are cancelled. */
export function cancelPendingOutbox(db: Db, leadId: number): void {
  stmt(db, "UPDATE messages SET status = 'cancelled' WHERE lead_id = ? AND status = 'queued'").run(leadId);
}

/** A queued message as the sender needs it; `id` is the message's id. */
export interface OutboxItem {
  id: number;
  leadId: number;
  accountId: number;
  randomId: string;
  text: string;
  media: { kind: string; path: string } | null;
  notBefore: number;
  attempts: number;
  /** Parts of a split text already sent (a resend continues after them). */
  partsSent: number;
}

/** A queued message as stored; `toOutboxItem` is the one place that reads it. */
export interface RawOutbox {
  id: number;
  lead_id: number;
  account_id: number;
  random_id: string;
  text: string;
  media: string | null;
  not_before: number;
  attempts: number;
  parts_sent: number;
}

const mediaSchema = z.object({ kind: z.string(), path: z.string() }).nullable();

/** Throws `StoredStateError` when the media column is damaged: a made-up message must never go out. */
export function toOutboxItem(r: RawOutbox): OutboxItem {
  const media = parseJsonColumn(r.media, mediaSchema, 'messages.media', r.id);
  return { id: r.id, leadId: r.lead_id, accountId: r.account_id, randomId: r.random_id, text: r.text, media, notBefore: r.not_before, attempts: r.attempts, partsSent: r.parts_sent };
}

/**
 * The message went out. Also when it was cancelled while in flight (its lead stopped meanwhile):
 * it did go out, so the chat and the rate caps must count it.
 */
export function markOutboxSent(db: Db, id: number, telegramId: number | null, now: number): void {
  stmt(db, "UPDATE messages SET status = 'sent', telegram_id = ?, ts = ?, sent_at = ?, attempts = attempts + 1 WHERE id = ? AND status IN ('queued', 'cancelled')").run(telegramId, now, now, id);
}

/**
 * The operator retries a failed message: it is queued again (same random_id, continuing after any
 * parts already sent), due now. Returns the account to wake, or undefined when the message was not
 * a failed one the sender queued.
 */
export function retryFailedOutbox(db: Db, messageId: number, now: number): number | undefined {
  return stmt(
    db,
    "UPDATE messages SET status = 'queued', not_before = ?, last_error = NULL, attempts = 0 WHERE id = ? AND status = 'failed' AND random_id IS NOT NULL RETURNING account_id",
  )
    .pluck()
    .get(now, messageId) as number | undefined;
}

/** The operator drops a failed message: it stays in the chat as cancelled. Returns whether it was failed. */
export function dropFailedOutbox(db: Db, messageId: number): boolean {
  return stmt(db, "UPDATE messages SET status = 'cancelled' WHERE id = ? AND status = 'failed' AND random_id IS NOT NULL").run(messageId).changes > 0;
}

/** Which lead a message belongs to (for events after retry / drop). */
export function messageLeadId(db: Db, messageId: number): number | undefined {
  return stmt(db, 'SELECT lead_id FROM messages WHERE id = ?').pluck().get(messageId) as number | undefined;
}
