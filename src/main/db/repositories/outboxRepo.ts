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
}

const payloadSchema = z.object({ text: z.string(), media: z.object({ kind: z.string(), path: z.string() }).nullable().default(null) });

/** Throws `StoredStateError` when the payload is damaged: a made-up (empty) message must never go out. */
export function toOutboxItem(r: RawOutbox): OutboxItem {
  const payload = parseJsonColumn(r.payload, payloadSchema, 'outbox.payload', r.id);
  return { id: r.id, leadId: r.lead_id, accountId: r.account_id, messageId: r.message_id, randomId: r.random_id, text: payload.text, media: payload.media, notBefore: r.not_before, attempts: r.attempts };
}

export function markOutboxSent(db: Db, id: number, telegramId: number | null, now: number): void {
  db.transaction(() => {
    stmt(db, "UPDATE outbox SET status = 'sent', sent_telegram_id = ?, sent_at = ?, attempts = attempts + 1 WHERE id = ? AND status = 'pending'").run(telegramId, now, id);
    stmt(db, "UPDATE messages SET status = 'sent', telegram_id = ?, ts = ? WHERE id = (SELECT message_id FROM outbox WHERE id = ?)").run(telegramId, now, id);
  })();
}
