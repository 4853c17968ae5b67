import type { Db } from '../connection';
import { stmt } from '../statements';
import { StoredStateError } from '../../storedStateError';
import { toOutboxItem, type OutboxItem, type RawOutbox } from './outboxRepo';

/** What the Telegram adapter keeps beyond accounts: the update state, and the sender's queries over queued and sent messages. */

/** Telegram's common update state of an account (pts/qts/date), the point getDifference resumes from. */
export interface UpdateState {
  pts: number;
  qts: number;
  date: number;
}

export function loadUpdateState(db: Db, accountId: number): UpdateState | undefined {
  const row = stmt(db, 'SELECT pts, qts, update_date FROM accounts WHERE id = ?').get(accountId) as
    | { pts: number | null; qts: number | null; update_date: number | null }
    | undefined;
  if (!row || row.pts === null) return undefined;
  return { pts: row.pts, qts: row.qts ?? 0, date: row.update_date ?? 0 };
}

/** Never moves pts backwards: a late, smaller write (two catch-ups racing) must not undo progress. */
export function saveUpdateState(db: Db, accountId: number, state: UpdateState): void {
  stmt(db, 'UPDATE accounts SET pts = ?, qts = ?, update_date = ? WHERE id = ? AND (pts IS NULL OR pts <= ?)').run(
    state.pts,
    state.qts,
    state.date,
    accountId,
    state.pts,
  );
}

/** A known chat partner, so a short update (which carries no access hash) can be answered. */
export function knownPeer(db: Db, accountId: number, peerId: string): { leadId: number; accessHash: string | null } | undefined {
  const row = stmt(db, 'SELECT id, access_hash FROM leads WHERE account_id = ? AND peer_id = ?').get(accountId, peerId) as
    | { id: number; access_hash: string | null }
    | undefined;
  return row && { leadId: row.id, accessHash: row.access_hash };
}

export interface SendTarget {
  peerId: string;
  accessHash: string | null;
  status: string;
}

export function sendTarget(db: Db, leadId: number): SendTarget | undefined {
  const row = stmt(db, 'SELECT peer_id, access_hash, status FROM leads WHERE id = ?').get(leadId) as
    | { peer_id: string; access_hash: string | null; status: string }
    | undefined;
  return row && { peerId: row.peer_id, accessHash: row.access_hash, status: row.status };
}

/**
 * The chat partner read our messages up to Telegram id `maxId` (updateReadHistoryOutbox): every
 * sent outgoing message of that chat up to it shows read. Returns the lead when something changed.
 */
export function markOutgoingRead(db: Db, accountId: number, peerId: string, maxId: number): number | undefined {
  const lead = knownPeer(db, accountId, peerId);
  if (!lead) return undefined;
  const changed = stmt(db, "UPDATE messages SET status = 'read' WHERE lead_id = ? AND direction = 'out' AND status = 'sent' AND telegram_id IS NOT NULL AND telegram_id <= ?").run(lead.leadId, maxId).changes;
  return changed > 0 ? lead.leadId : undefined;
}

/** The message waits (FLOOD_WAIT, a cap): same random_id, later `not_before`, the reason kept. */
export function deferOutbox(db: Db, id: number, notBefore: number, error: string): void {
  stmt(db, "UPDATE messages SET not_before = ?, last_error = ?, attempts = attempts + 1 WHERE id = ? AND status = 'queued'").run(notBefore, error, id);
}

/** The message cannot be sent (e.g. its lead has no usable peer); the chat shows it failed, with why. */
export function failOutbox(db: Db, id: number, error: string): void {
  stmt(db, "UPDATE messages SET status = 'failed', last_error = ?, attempts = attempts + 1 WHERE id = ? AND status = 'queued'").run(error, id);
}

/** A part of a split text went out: a resend continues with the next part. */
export function setOutboxPartsSent(db: Db, id: number, partsSent: number): void {
  stmt(db, "UPDATE messages SET parts_sent = ? WHERE id = ? AND status = 'queued'").run(partsSent, id);
}

/**
 * Whether an outgoing message Telegram reports for this chat is one of ours: it is stored with its
 * id already, or a queued message of the chat (in flight, or sent just before a crash) holds its
 * text. The sender also remembers every id it got back in this run (parts of split texts).
 */
export function isOwnOutgoing(db: Db, accountId: number, peerId: string, telegramId: number, text: string): boolean {
  return (
    stmt(
      db,
      `SELECT EXISTS (
         SELECT 1 FROM messages m JOIN leads l ON l.id = m.lead_id
         WHERE l.account_id = ? AND l.peer_id = ? AND m.direction = 'out'
           AND (m.telegram_id = ? OR (m.status = 'queued' AND ? != '' AND instr(m.text, ?) > 0))
       )`,
    )
      .pluck()
      .get(accountId, peerId, telegramId, text, text) === 1
  );
}

/** Send times of the account's messages after `since`, oldest first (for the per-minute cap). */
export function sentTimesSince(db: Db, accountId: number, since: number): number[] {
  return stmt(db, 'SELECT sent_at FROM messages WHERE account_id = ? AND sent_at IS NOT NULL AND sent_at > ? ORDER BY sent_at').pluck().all(accountId, since) as number[];
}

/** When each chat that got its first message from the account since `since` got it, oldest first. */
export function newChatTimesSince(db: Db, accountId: number, since: number): number[] {
  return stmt(
    db,
    `SELECT first FROM (SELECT MIN(sent_at) AS first FROM messages WHERE account_id = ? AND sent_at IS NOT NULL GROUP BY lead_id)
     WHERE first > ? ORDER BY first`,
  )
    .pluck()
    .all(accountId, since) as number[];
}

/** Whether the sender ever sent this lead a message (`sent_at` stays when it turns 'read'). */
export function leadHasSentMessages(db: Db, leadId: number): boolean {
  return stmt(db, 'SELECT EXISTS (SELECT 1 FROM messages WHERE lead_id = ? AND sent_at IS NOT NULL)').pluck().get(leadId) === 1;
}

/**
 * The newest Telegram id among the lead's incoming messages (what a read mark covers). The
 * `telegram_id IS NOT NULL` term lets SQLite use the partial index `messages_incoming_once`.
 */
export function latestIncomingTelegramId(db: Db, leadId: number): number | undefined {
  return (stmt(db, "SELECT MAX(telegram_id) FROM messages WHERE lead_id = ? AND direction = 'in' AND telegram_id IS NOT NULL").pluck().get(leadId) as number | null) ?? undefined;
}

/** Queued messages that are due and first in their chat, in due order: what the sender may send now. */
export function dueChatHeads(db: Db, accountId: number, now: number, limit: number): OutboxItem[] {
  const rows = stmt(
    db,
    `SELECT o.id, o.lead_id, o.account_id, o.random_id, o.text, o.media, o.not_before, o.attempts, o.parts_sent FROM messages o
     WHERE o.account_id = ? AND o.status = 'queued' AND o.not_before <= ?
       AND o.id = (SELECT MIN(id) FROM messages WHERE lead_id = o.lead_id AND status = 'queued')
     ORDER BY o.not_before, o.id LIMIT ?`,
  ).all(accountId, now, limit) as RawOutbox[];
  const items: OutboxItem[] = [];
  for (const row of rows) {
    try {
      items.push(toOutboxItem(row));
    } catch (error) {
      if (!(error instanceof StoredStateError)) throw error;
      // Never send a made-up message: it fails where the operator sees it (the chat), the chat's next one may go.
      failOutbox(db, row.id, error.message);
    }
  }
  return items;
}

/**
 * When the sender next has something to do: the earliest `not_before` among messages that are first
 * in their chat's queue (a later one waits for the chat's first, so it cannot wake the sender),
 * leaving out `exceptIds` (messages whose chat is typing: the sender times those itself).
 */
export function nextChatHeadDueAt(db: Db, accountId: number, exceptIds: readonly number[] = []): number | undefined {
  return (
    (stmt(
      db,
      `SELECT MIN(o.not_before) FROM messages o WHERE o.account_id = ? AND o.status = 'queued'
         AND o.id = (SELECT MIN(id) FROM messages WHERE lead_id = o.lead_id AND status = 'queued')
         AND o.id NOT IN (SELECT value FROM json_each(?))`,
    )
      .pluck()
      .get(accountId, JSON.stringify(exceptIds)) as number | null) ?? undefined
  );
}
