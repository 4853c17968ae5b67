import type { Migration } from './migration';

/**
 * An outgoing message and its place in the send queue become one `messages` row (issue 16): every
 * outgoing message cost two rows (the chat's `messages` row and an `outbox` row repeating its text
 * and media), with four outbox indexes and three foreign keys, written in the same turn. The
 * sender's columns move onto `messages`:
 * - `account_id`: the account that sends it (NULL on incoming messages and on what the account's
 *   owner wrote from another device). No foreign key: the row goes with its lead, which goes with
 *   its account.
 * - `random_id`: the 64-bit id chosen when it was queued, kept across retries and restarts so
 *   Telegram de-duplicates a resend (UNIQUE where present). Each part of a split text derives its own.
 * - `not_before`, `attempts`, `last_error`, `parts_sent`, `sent_at`: as they were on the outbox row;
 *   Telegram's message id goes to `telegram_id`, which the sender already filled in.
 *
 * `messages.status` is the one status. Outbox → message: 'pending' → 'queued'; 'sending' (never
 * written by any release, but a send in flight is retried) → 'queued'; 'sent' → 'sent' ('read' stays
 * 'read'); 'failed' and 'cancelled' as they are. "In the queue" is `status = 'queued'`; "sent" (for
 * the rate caps) is `sent_at IS NOT NULL`, because a sent message later turns 'read'.
 *
 * Rows that do not map one to one (no release writes them, but nothing may be lost or doubled):
 * - an outbox row whose message is gone (message_id NULL), or is not an outgoing message, or whose
 *   message another outbox row (the lowest id) already claims, becomes an outgoing message of its
 *   own at the end of its chat, with its state, its random_id and its text and media from the
 *   payload. A queued one whose payload text cannot be read fails instead (a made-up message must
 *   never go out), with the reason the chat shows.
 * - a message still 'queued' or 'sending' with no outbox row could never be sent: it is cancelled
 *   (left queued it would hold its chat's queue for good).
 *
 * Indexes, only for what is asked: the due rows of an account (`messages_queued_due`) and the first
 * queued row of a chat (`messages_queued_by_lead`), both over queued rows only, so a row pays for
 * them while it waits; send times per account for the rate caps (`messages_sent_by_account`, over
 * sent rows); the random_id guard. A failed message is found by its own id now (retry, drop, the
 * chat's reason), so the failed-by-message index goes with the outbox.
 */
export const outboxIntoMessages: Migration = {
  version: 14,
  name: 'outbox-into-messages',
  up(db) {
    db.exec(`
      ALTER TABLE messages ADD COLUMN account_id INTEGER;
      ALTER TABLE messages ADD COLUMN random_id TEXT;
      ALTER TABLE messages ADD COLUMN not_before INTEGER;
      ALTER TABLE messages ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE messages ADD COLUMN last_error TEXT;
      ALTER TABLE messages ADD COLUMN parts_sent INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE messages ADD COLUMN sent_at INTEGER;

      CREATE TEMP TABLE outbox_claims AS
        SELECT o.id AS outbox_id, o.message_id FROM outbox o JOIN messages m ON m.id = o.message_id
        WHERE m.direction = 'out' AND o.id = (SELECT min(id) FROM outbox WHERE message_id = o.message_id);

      UPDATE messages SET
        account_id = o.account_id,
        random_id = o.random_id,
        not_before = o.not_before,
        attempts = o.attempts,
        last_error = o.last_error,
        parts_sent = o.parts_sent,
        sent_at = o.sent_at,
        telegram_id = coalesce(o.sent_telegram_id, messages.telegram_id),
        status = CASE o.status
          WHEN 'pending' THEN 'queued'
          WHEN 'sending' THEN 'queued'
          WHEN 'sent' THEN CASE WHEN messages.status = 'read' THEN 'read' ELSE 'sent' END
          ELSE o.status END
      FROM outbox_claims c JOIN outbox o ON o.id = c.outbox_id
      WHERE messages.id = c.message_id;

      UPDATE messages SET status = 'cancelled'
      WHERE direction = 'out' AND status IN ('queued', 'sending') AND random_id IS NULL;

      -- Orphans. CASE (not AND) guards json_type: SQLite may evaluate both sides of an AND, and the
      -- JSON functions throw on malformed text.
      INSERT INTO messages (lead_id, direction, sender, telegram_id, text, media, status, ts,
                            account_id, random_id, not_before, attempts, last_error, parts_sent, sent_at)
      SELECT lead_id, 'out', 'bot', sent_telegram_id, coalesce(text, ''), media,
             CASE WHEN status IN ('pending', 'sending') AND text IS NULL THEN 'failed'
                  WHEN status IN ('pending', 'sending') THEN 'queued'
                  ELSE status END,
             coalesce(sent_at, not_before), account_id, random_id, not_before, attempts,
             CASE WHEN status IN ('pending', 'sending') AND text IS NULL
                  THEN 'Stored outbox.payload of row ' || id || ' is damaged: no text'
                  ELSE last_error END,
             parts_sent, sent_at
      FROM (
        SELECT o.*,
               CASE WHEN json_valid(o.payload) THEN
                 CASE WHEN json_type(o.payload, '$.text') = 'text' THEN json_extract(o.payload, '$.text') END END AS text,
               CASE WHEN json_valid(o.payload) THEN
                 CASE WHEN json_type(o.payload, '$.media') = 'object' THEN json_extract(o.payload, '$.media') END END AS media
        FROM outbox o WHERE o.id NOT IN (SELECT outbox_id FROM outbox_claims)
      )
      ORDER BY id;

      DROP TABLE outbox_claims;
      DROP TABLE outbox;

      CREATE UNIQUE INDEX messages_random_id ON messages (random_id) WHERE random_id IS NOT NULL;
      CREATE INDEX messages_queued_due ON messages (account_id, not_before) WHERE status = 'queued';
      CREATE INDEX messages_queued_by_lead ON messages (lead_id) WHERE status = 'queued';
      CREATE INDEX messages_sent_by_account ON messages (account_id, sent_at) WHERE sent_at IS NOT NULL;
    `);
  },
};
