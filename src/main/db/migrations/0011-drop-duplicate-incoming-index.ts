import type { Migration } from './migration';

/**
 * `messages_in_by_lead (lead_id, telegram_id) WHERE direction = 'in'` (0003) served one query — the
 * newest Telegram id of a chat's incoming messages, for read marks — which `messages_incoming_once`
 * (0001: the same columns, incoming rows with a Telegram id) serves as well once the query says
 * `telegram_id IS NOT NULL` (MAX ignores NULLs anyway). Every incoming message paid for an entry in
 * both; now it pays for one.
 */
export const dropDuplicateIncomingIndex: Migration = {
  version: 11,
  name: 'drop-duplicate-incoming-index',
  up(db) {
    db.exec('DROP INDEX IF EXISTS messages_in_by_lead;');
  },
};
