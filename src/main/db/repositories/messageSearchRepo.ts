import type { Db } from '../connection';
import { indexNewMessages } from '../searchIndex';
import { stmt } from '../statements';

export interface MessageHit {
  messageId: number;
  leadId: number;
  firstName: string | null;
  lastName: string | null;
  username: string | null;
  sender: string;
  ts: number;
  /** The matching part of the text; matches wrapped in \u0002…\u0003 (control characters no message contains). */
  snippet: string;
}

/**
 * The user's words as an FTS5 query: each word a quoted prefix term, all required. Quoting makes any
 * punctuation or FTS syntax (AND, NEAR, -, ") literal, so no input is a query error. Null when there is
 * no word to look for.
 */
export function ftsQuery(input: string): string | null {
  // ё is indexed as е (migration 0009), so it is searched as е too.
  const words = input.replace(/ё/g, 'е').replace(/Ё/g, 'Е').match(/[\p{L}\p{N}]+/gu)?.slice(0, 8) ?? [];
  return words.length ? words.map((w) => `"${w}"*`).join(' ') : null;
}

/**
 * Messages of real chats (not the emulator's) matching every word, newest first. FTS5 walks its
 * rowid (= message id, ascending with time) backwards, so the newest `limit` hits cost the same in a
 * million messages as in a thousand. The messages stored since the indexer's last batch (at most
 * about a second's worth) are indexed first, so the newest message is found too.
 */
export function searchMessages(db: Db, input: string, limit: number): MessageHit[] {
  const query = ftsQuery(input);
  if (!query) return [];
  indexNewMessages(db);
  return stmt(
    db,
    `SELECT m.id AS messageId, m.lead_id AS leadId, l.first_name AS firstName, l.last_name AS lastName, l.username,
            m.sender, m.ts, snippet(messages_fts, 0, char(2), char(3), '…', 12) AS snippet
     FROM messages_fts f
     JOIN messages m ON m.id = f.rowid
     JOIN leads l ON l.id = m.lead_id
     WHERE messages_fts MATCH @query AND l.account_id IN (SELECT id FROM accounts WHERE kind = 'telegram')
     ORDER BY f.rowid DESC
     LIMIT @limit`,
  ).all({ query, limit }) as MessageHit[];
}
