import type { Db } from '../connection';
import { stmt } from '../statements';

/** What the sandbox host (`--sandbox-telegram`) needs of the database when its local server restarts. */

/** The sandbox account's row, found by its fixed Telegram user id. */
export function sandboxAccountId(db: Db, telegramUserId: string): number | undefined {
  return stmt(db, "SELECT id FROM accounts WHERE kind = 'telegram' AND telegram_user_id = ?").pluck().get(telegramUserId) as number | undefined;
}

/**
 * The previous server's auth key died with it, and its pts counted that server's messages: the
 * session and the update state are dropped (the account waits for a fresh session instead of
 * dialing a dead key).
 */
export function forgetSandboxSession(db: Db, accountId: number): void {
  stmt(db, 'UPDATE accounts SET session_enc = NULL, pts = NULL, qts = NULL, update_date = NULL WHERE id = ?').run(accountId);
}

/** The highest Telegram message id the account has seen or sent (a new server continues after it). */
export function lastTelegramMessageId(db: Db, accountId: number): number {
  // Sent messages keep Telegram's id in `telegram_id` too, so one query covers both directions.
  const last = stmt(db, 'SELECT MAX(m.telegram_id) FROM messages m JOIN leads l ON l.id = m.lead_id WHERE l.account_id = ?').pluck().get(accountId) as number | null;
  return last ?? 0;
}
