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

/** Sending to this lead will never work: the lead is stopped with the reason. */
export const leadRefusals = new Set(['PEER_FLOOD', 'USER_IS_BLOCKED', 'INPUT_USER_DEACTIVATED', 'USER_BLOCKED', 'YOU_BLOCKED_USER', 'PEER_ID_INVALID']);

/** A short, secret-free description for logs and status reasons. */
export function describeError(error: unknown): string {
  const name = telegramErrorName(error);
  if (name) return name === 'FLOOD_WAIT' ? `FLOOD_WAIT_${floodWaitSeconds(error) ?? '?'}` : name;
  return error instanceof Error ? error.message : String(error);
}
