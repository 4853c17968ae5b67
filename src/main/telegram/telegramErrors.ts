/**
 * Telegram answers failures as RPC errors named like `PHONE_CODE_INVALID` or `FLOOD_WAIT_30`;
 * teleproto turns them into error classes that all carry `errorMessage` (and `seconds` for waits).
 * Everything here reads that shape, so callers never depend on teleproto's class hierarchy.
 */

/** The RPC error name (`FLOOD_WAIT` for every flood wait), or undefined for a non-RPC error. */
export function telegramErrorName(error: unknown): string | undefined {
  if (!error || typeof error !== 'object' || !('errorMessage' in error)) return undefined;
  // teleproto's FloodWaitError says only "FLOOD" in errorMessage; its `seconds` is what tells it apart.
  if ('seconds' in error && typeof error.seconds === 'number') return 'FLOOD_WAIT';
  const name = String(error.errorMessage);
  return /^(?:FLOOD_WAIT|SLOWMODE_WAIT|FLOOD_PREMIUM_WAIT)_\d+$/.test(name) ? 'FLOOD_WAIT' : name;
}

/** Seconds Telegram asks to wait, for FLOOD_WAIT_X errors; undefined for anything else. */
export function floodWaitSeconds(error: unknown): number | undefined {
  if (!error || typeof error !== 'object') return undefined;
  if ('seconds' in error && typeof error.seconds === 'number') return error.seconds;
  const match = 'errorMessage' in error ? /^(?:FLOOD_WAIT|SLOWMODE_WAIT|FLOOD_PREMIUM_WAIT)_(\d+)$/.exec(String(error.errorMessage)) : null;
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/** The session is no longer signed in: the account must log in again. */
export const loggedOutErrors = new Set(['AUTH_KEY_UNREGISTERED', 'AUTH_KEY_INVALID', 'SESSION_REVOKED', 'SESSION_EXPIRED', 'AUTH_KEY_DUPLICATED']);

/** Telegram closed the account itself. */
export const bannedErrors = new Set(['USER_DEACTIVATED', 'USER_DEACTIVATED_BAN', 'PHONE_NUMBER_BANNED']);

/** Sending to this lead will never work: the row fails with the reason and the lead is stopped. */
export const leadRefusals = new Set(['USER_IS_BLOCKED', 'INPUT_USER_DEACTIVATED', 'USER_BLOCKED', 'YOU_BLOCKED_USER']);

/**
 * Telegram limits the whole account for writing first to people (spam reports): an account-level
 * pause, not a verdict on one lead (core.telegram.org/method/messages.sendMessage, @SpamBot).
 */
export const accountLimitErrors = new Set(['PEER_FLOOD']);

/** Telegram does not accept the way we named the peer (a wrong or stale access_hash). */
export function peerRefused(error: unknown): boolean {
  const name = telegramErrorName(error);
  return name === 'PEER_ID_INVALID' || name === 'USER_ID_INVALID';
}

/** Errors that mean a request can go again unchanged, even though Telegram calls them 400. */
const transientNames = new Set(['RANDOM_ID_DUPLICATE', 'TIMEOUT', 'MSG_WAIT_FAILED', 'MSG_WAIT_TIMEOUT']);

/** What the sender does about a failed send. */
export type SendFailure = 'flood_wait' | 'account_lost' | 'account_limited' | 'lead_refused' | 'permanent' | 'transient';

/**
 * Sorts a send error. Telegram's 400/403 answers are refusals of this very request and will be the
 * same on every retry (too long, bad media, invalid peer…); 5xx, -503 timeouts, network errors and
 * RANDOM_ID_DUPLICATE while the first call is still in flight are worth the same call again.
 * A local file that cannot be read is as permanent as a refusal.
 */
export function classifySendError(error: unknown): SendFailure {
  const name = telegramErrorName(error);
  if (name === 'FLOOD_WAIT') return 'flood_wait';
  if (name && (loggedOutErrors.has(name) || bannedErrors.has(name))) return 'account_lost';
  if (name && accountLimitErrors.has(name)) return 'account_limited';
  if (name && leadRefusals.has(name)) return 'lead_refused';
  if (name && transientNames.has(name)) return 'transient';
  const code = errorCode(error);
  if (name && (code === 400 || code === 403 || code === 406)) return 'permanent';
  if (isMissingFile(error)) return 'permanent';
  return 'transient';
}

/** The RPC error's code (400, 401, 420, 500…), when it has one. */
export function errorCode(error: unknown): number | undefined {
  if (!error || typeof error !== 'object' || !('code' in error)) return undefined;
  return typeof error.code === 'number' ? error.code : undefined;
}

function isMissingFile(error: unknown): boolean {
  if (!error || typeof error !== 'object' || !('code' in error)) return false;
  return ['ENOENT', 'EACCES', 'EISDIR', 'ENOTDIR', 'EPERM'].includes(String(error.code));
}

/** A short, secret-free description for logs and status reasons. */
export function describeError(error: unknown): string {
  const name = telegramErrorName(error);
  if (name) return name === 'FLOOD_WAIT' ? `FLOOD_WAIT_${floodWaitSeconds(error) ?? '?'}` : name;
  // A code, not a sentence: the chat shows it in the operator's language (tg.failed.why.*).
  if (isMissingFile(error)) return 'ATTACHMENT_UNREADABLE';
  return error instanceof Error ? error.message : String(error);
}
