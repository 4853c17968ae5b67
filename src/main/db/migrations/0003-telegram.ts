import type { Migration } from './migration';

/**
 * What the Telegram adapter needs beyond the first schema:
 * - `outbox_sent_by_account`: the sender's rate caps count what an account sent in the last minute
 *   and which chats got their first message in the last day, on every send.
 * - `messages_in_by_lead`: the newest incoming Telegram message id of a chat, for read marks.
 */
export const telegramSchema: Migration = {
  version: 3,
  name: 'telegram',
  up(db) {
    db.exec(`
      CREATE INDEX outbox_sent_by_account ON outbox (account_id, sent_at) WHERE status = 'sent';
      CREATE INDEX messages_in_by_lead ON messages (lead_id, telegram_id) WHERE direction = 'in';
    `);
  },
};
