import type { Migration } from './migration';

/**
 * What the Telegram adapter needs to meet Telegram as it really is:
 * - `outbox.parts_sent`: a text over Telegram's 4096-character limit goes out as several messages;
 *   the count of parts already sent makes a resend after a crash continue where it stopped (each
 *   part has its own random_id derived from the row's, so Telegram de-duplicates a repeated part).
 * - `accounts.device`: the device profile (model, system, app version, languages) the account
 *   presents to Telegram, JSON; filled once with plausible official-client values and kept, because
 *   a session that changes device on every start looks like a stolen one.
 */
export const telegramReality: Migration = {
  version: 9,
  name: 'telegram-reality',
  up(db) {
    db.exec(`
      ALTER TABLE outbox ADD COLUMN parts_sent INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE accounts ADD COLUMN device TEXT;
    `);
  },
};
