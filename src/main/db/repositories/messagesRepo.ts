import type { HistoryMessage, IncomingMessage } from '../../engine/types';
import type { Db } from '../connection';
import { z } from 'zod';
import { parseJsonColumn } from '../jsonColumn';
import { stmt } from '../statements';
import { StoredStateError } from '../../storedStateError';

export interface NewIncoming {
  leadId: number;
  telegramId?: number | null;
  text: string;
  media?: IncomingMessage['media'];
  ts: number;
}

/**
 * Stores a lead's message before anything acts on it. Returns its id, or undefined when this
 * Telegram message was already stored (a live update and a catch-up can both deliver it).
 */
export function insertIncoming(db: Db, message: NewIncoming): number | undefined {
  // Inside a transaction already (the write queue's batch, or a caller's), that transaction makes
  // the row and the preview all-or-nothing; a savepoint of our own would only add statements.
  return db.inTransaction ? insertIncomingRows(db, message) : insertIncomingTx(db)(message);
}

const insertIncomingTxs = new WeakMap<Db, (message: NewIncoming) => number | undefined>();

/** One transaction for the row and the chat-list preview: one commit per stored message. */
function insertIncomingTx(db: Db): (message: NewIncoming) => number | undefined {
  let tx = insertIncomingTxs.get(db);
  if (!tx) {
    tx = db.transaction((message: NewIncoming) => insertIncomingRows(db, message));
    insertIncomingTxs.set(db, tx);
  }
  return tx;
}

function insertIncomingRows(db: Db, message: NewIncoming): number | undefined {
  const result = stmt(
    db,
    `INSERT OR IGNORE INTO messages (lead_id, direction, sender, telegram_id, text, media, status, ts)
     VALUES (?, 'in', 'lead', ?, ?, ?, 'received', ?)`,
  ).run(message.leadId, message.telegramId ?? null, message.text, message.media ? JSON.stringify(message.media) : null, message.ts);
  if (!result.changes) return undefined;
  stmt(db, 'UPDATE leads SET unread = unread + 1, last_message_at = ?, last_preview = ?, updated_at = ? WHERE id = ?').run(
    message.ts,
    (message.text || (message.media ? `[${message.media.kind}]` : '')).slice(0, 200),
    message.ts,
    message.leadId,
  );
  return Number(result.lastInsertRowid);
}

interface RawMessage {
  id: number;
  text: string;
  media: string | null;
  ts: number;
}

/** What `media` holds (written by the Telegram adapter and the sandbox); SQL NULL = no media. */
const mediaSchema = z
  .object({
    kind: z.enum(['photo', 'video', 'document', 'voice', 'round', 'sticker', 'gif']),
    // '' while a lead's download is pending or after it failed.
    path: z.string(),
    emoji: z.string().optional(),
    fileName: z.string().optional(),
    mimeType: z.string().optional(),
  })
  .nullable();

const toIncoming = (r: RawMessage): IncomingMessage => ({ id: r.id, text: r.text, media: parseJsonColumn(r.media, mediaSchema, 'messages.media', r.id), ts: r.ts });

export function unhandledIncoming(db: Db, leadId: number): IncomingMessage[] {
  const rows = stmt(db, "SELECT id, text, media, ts FROM messages WHERE lead_id = ? AND direction = 'in' AND handled_at IS NULL ORDER BY id").all(leadId) as RawMessage[];
  return rows.map(toIncoming);
}

export function incomingByIds(db: Db, ids: number[]): IncomingMessage[] {
  if (!ids.length) return [];
  const rows = stmt(db, "SELECT id, text, media, ts FROM messages WHERE id IN (SELECT value FROM json_each(?)) AND direction = 'in' ORDER BY id").all(JSON.stringify(ids)) as RawMessage[];
  return rows.map(toIncoming);
}

/** The last `limit` messages the AI may see, oldest first: what was sent, and what was already handled. */
export function conversationHistory(db: Db, leadId: number, limit: number): HistoryMessage[] {
  const rows = stmt(
    db,
    `SELECT direction, text, media IS NOT NULL AS has_media, ts FROM messages
     WHERE lead_id = ? AND (direction = 'out' AND status != 'cancelled' OR handled_at IS NOT NULL)
     ORDER BY id DESC LIMIT ?`,
  ).all(leadId, limit) as { direction: 'in' | 'out'; text: string; has_media: number; ts: number }[];
  return rows.reverse().map((r) => ({ direction: r.direction, text: r.text, hasMedia: r.has_media === 1, ts: r.ts }));
}

export interface ChatMessage {
  id: number;
  direction: 'in' | 'out';
  sender: 'lead' | 'bot' | 'operator';
  text: string;
  media: { kind: string; path: string } | null;
  status: string;
  ts: number;
  /** Why a failed message failed (Telegram's refusal, a missing file), for the operator. */
  error: string | null;
}

type RawChatMessage = Omit<ChatMessage, 'media'> & { media: string | null };
const chatColumns = `m.id, m.direction, m.sender, m.text, m.media, m.status, m.ts,
  CASE WHEN m.status = 'failed' THEN m.last_error END AS error`;
/**
 * A damaged media column shows as a message without its attachment and says why, instead of failing
 * the whole chat: the chat is where the operator sees what went wrong (an outgoing message with
 * damaged media also fails to send, with the same reason).
 */
function toChatMessage(r: RawChatMessage): ChatMessage {
  try {
    return { ...r, media: parseJsonColumn(r.media, mediaSchema, 'messages.media', r.id) };
  } catch (error) {
    if (!(error instanceof StoredStateError)) throw error;
    return { ...r, media: null, error: r.error ?? error.message };
  }
}

/** Messages of a lead after message id `afterId`, oldest first. */
export function messagesAfter(db: Db, leadId: number, afterId: number): ChatMessage[] {
  const rows = stmt(db, `SELECT ${chatColumns} FROM messages m WHERE m.lead_id = ? AND m.id > ? ORDER BY m.id`).all(leadId, afterId) as RawChatMessage[];
  return rows.map(toChatMessage);
}

/** A page of a conversation, oldest first, ending before message `beforeId` (or at the newest). */
export function conversationPage(db: Db, leadId: number, beforeId: number | null, limit: number): ChatMessage[] {
  const rows = stmt(db, `SELECT ${chatColumns} FROM messages m WHERE m.lead_id = ? AND (? IS NULL OR m.id < ?) ORDER BY m.id DESC LIMIT ?`).all(
    leadId,
    beforeId,
    beforeId,
    limit,
  ) as RawChatMessage[];
  return rows.reverse().map(toChatMessage);
}

/** A download finished (or gave up with path ''): the lead's message gets its media. */
export function setIncomingMedia(db: Db, messageId: number, media: NonNullable<IncomingMessage['media']>): void {
  stmt(db, "UPDATE messages SET media = ? WHERE id = ? AND direction = 'in'").run(JSON.stringify(media), messageId);
}

/**
 * The account's owner wrote in the chat from another device: stored as an operator message that
 * is already sent. Returns false when this Telegram message is stored already.
 */
export function insertOwnerMessage(db: Db, leadId: number, telegramId: number, text: string, ts: number): boolean {
  const seen = stmt(db, "SELECT EXISTS (SELECT 1 FROM messages WHERE lead_id = ? AND direction = 'out' AND telegram_id = ?)").pluck().get(leadId, telegramId) === 1;
  if (seen) return false;
  stmt(db, "INSERT INTO messages (lead_id, direction, sender, telegram_id, text, status, ts) VALUES (?, 'out', 'operator', ?, ?, 'sent', ?)").run(leadId, telegramId, text, ts);
  stmt(db, 'UPDATE leads SET last_message_at = ?, last_preview = ?, updated_at = ? WHERE id = ?').run(ts, text.slice(0, 200), ts, leadId);
  return true;
}

/** Whether the lead ever wrote: a lead who never did is never messaged automatically. */
export function hasIncoming(db: Db, leadId: number): boolean {
  return stmt(db, "SELECT 1 FROM messages WHERE lead_id = ? AND direction = 'in' LIMIT 1").pluck().get(leadId) !== undefined;
}
