import type { AccountStatus } from '../../../shared/rpc/accounts';
import type { Db } from '../connection';
import { stmt } from '../statements';

/** An account that talks to no Telegram server: the emulator and `voronka simulate` use it. */
export function ensureSandboxAccount(db: Db, scriptId: number | null, now: number): number {
  const existing = stmt(db, "SELECT id FROM accounts WHERE kind = 'sandbox' AND script_id IS ? LIMIT 1").pluck().get(scriptId) as number | undefined;
  if (existing !== undefined) return existing;
  const result = stmt(
    db,
    "INSERT INTO accounts (kind, status, display_name, script_id, created_at, updated_at) VALUES ('sandbox', 'online', 'Sandbox', ?, ?, ?)",
  ).run(scriptId, now, now);
  return Number(result.lastInsertRowid);
}

export function accountScriptId(db: Db, accountId: number): number | null {
  return (stmt(db, 'SELECT script_id FROM accounts WHERE id = ?').pluck().get(accountId) as number | null | undefined) ?? null;
}

/** A Telegram account row as the adapter needs it. Secrets stay sealed until the adapter opens them. */
export interface TelegramAccountRow {
  id: number;
  phone: string | null;
  telegramUserId: string | null;
  username: string | null;
  displayName: string | null;
  status: AccountStatus;
  statusReason: string | null;
  floodUntil: number | null;
  apiId: number | null;
  apiHashEnc: Buffer | null;
  sessionEnc: Buffer | null;
  /** JSON as stored (see telegram/proxySettings.ts); secrets inside are sealed. */
  proxy: string | null;
  /** JSON as stored: a partial HumanSettings. */
  human: string;
  /** JSON as stored: the DeviceProfile the account presents (null until one is chosen). */
  device: string | null;
  scriptId: number | null;
  enabled: boolean;
  pts: number | null;
  qts: number | null;
  updateDate: number | null;
}

interface RawAccount {
  id: number;
  phone: string | null;
  telegram_user_id: string | null;
  username: string | null;
  display_name: string | null;
  status: AccountStatus;
  status_reason: string | null;
  flood_until: number | null;
  api_id: number | null;
  api_hash_enc: Buffer | null;
  session_enc: Buffer | null;
  proxy: string | null;
  human: string;
  device: string | null;
  script_id: number | null;
  enabled: number;
  pts: number | null;
  qts: number | null;
  update_date: number | null;
}

const accountColumns = `id, phone, telegram_user_id, username, display_name, status, status_reason, flood_until, api_id,
  api_hash_enc, session_enc, proxy, human, device, script_id, enabled, pts, qts, update_date`;

function toAccount(r: RawAccount): TelegramAccountRow {
  return {
    id: r.id,
    phone: r.phone,
    telegramUserId: r.telegram_user_id,
    username: r.username,
    displayName: r.display_name,
    status: r.status,
    statusReason: r.status_reason,
    floodUntil: r.flood_until,
    apiId: r.api_id,
    apiHashEnc: r.api_hash_enc,
    sessionEnc: r.session_enc,
    proxy: r.proxy,
    human: r.human,
    device: r.device,
    scriptId: r.script_id,
    enabled: r.enabled === 1,
    pts: r.pts,
    qts: r.qts,
    updateDate: r.update_date,
  };
}

export function telegramAccounts(db: Db): TelegramAccountRow[] {
  return (stmt(db, `SELECT ${accountColumns} FROM accounts WHERE kind = 'telegram' ORDER BY id`).all() as RawAccount[]).map(toAccount);
}

export function telegramAccount(db: Db, id: number): TelegramAccountRow | undefined {
  const row = stmt(db, `SELECT ${accountColumns} FROM accounts WHERE kind = 'telegram' AND id = ?`).get(id) as RawAccount | undefined;
  return row && toAccount(row);
}

export interface SignedInAccount {
  phone: string | null;
  telegramUserId: string;
  username: string | null;
  displayName: string | null;
  apiId: number;
  apiHashEnc: Buffer;
  sessionEnc: Buffer;
  proxy: string | null;
  /** DeviceProfile JSON the login used; a re-login keeps the device already stored. */
  device: string;
  scriptId?: number | null;
  /** The update state at sign-in: catch-up starts here, not at the account's whole history. */
  pts: number;
  qts: number;
  updateDate: number;
}

/**
 * Stores a freshly signed-in account, or refreshes the row of the same Telegram user (a re-login
 * keeps its leads). The stored update state is kept on a re-login so nothing in between is skipped.
 */
export function upsertSignedInAccount(db: Db, a: SignedInAccount, now: number): number {
  const existing = stmt(db, "SELECT id FROM accounts WHERE kind = 'telegram' AND telegram_user_id = ?").pluck().get(a.telegramUserId) as number | undefined;
  if (existing !== undefined) {
    stmt(
      db,
      `UPDATE accounts SET phone = COALESCE(?, phone), username = ?, display_name = ?, api_id = ?, api_hash_enc = ?, session_enc = ?,
         proxy = ?, device = COALESCE(device, ?), script_id = CASE WHEN ? THEN ? ELSE script_id END, status = 'connecting', status_reason = NULL,
         pts = COALESCE(pts, ?), qts = COALESCE(qts, ?), update_date = COALESCE(update_date, ?), updated_at = ? WHERE id = ?`,
    ).run(a.phone, a.username, a.displayName, a.apiId, a.apiHashEnc, a.sessionEnc, a.proxy, a.device, a.scriptId === undefined ? 0 : 1, a.scriptId ?? null, a.pts, a.qts, a.updateDate, now, existing);
    return existing;
  }
  const result = stmt(
    db,
    `INSERT INTO accounts (kind, phone, telegram_user_id, username, display_name, status, api_id, api_hash_enc, session_enc, proxy,
       device, script_id, pts, qts, update_date, created_at, updated_at)
     VALUES ('telegram', ?, ?, ?, ?, 'connecting', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(a.phone, a.telegramUserId, a.username, a.displayName, a.apiId, a.apiHashEnc, a.sessionEnc, a.proxy, a.device, a.scriptId ?? null, a.pts, a.qts, a.updateDate, now, now);
  return Number(result.lastInsertRowid);
}

export interface AccountPatch {
  apiId?: number;
  apiHashEnc?: Buffer;
  /** undefined: unchanged; null: removed. */
  proxy?: string | null;
  human?: string;
  /** DeviceProfile JSON. */
  device?: string;
  scriptId?: number | null;
  enabled?: boolean;
}

export function updateAccountSettings(db: Db, id: number, patch: AccountPatch, now: number): void {
  const sets: string[] = [];
  const values: unknown[] = [];
  const set = (column: string, value: unknown): void => {
    sets.push(`${column} = ?`);
    values.push(value);
  };
  if (patch.apiId !== undefined) set('api_id', patch.apiId);
  if (patch.apiHashEnc !== undefined) set('api_hash_enc', patch.apiHashEnc);
  if (patch.proxy !== undefined) set('proxy', patch.proxy);
  if (patch.human !== undefined) set('human', patch.human);
  if (patch.device !== undefined) set('device', patch.device);
  if (patch.scriptId !== undefined) set('script_id', patch.scriptId);
  if (patch.enabled !== undefined) set('enabled', patch.enabled ? 1 : 0);
  set('updated_at', now);
  // Column names come from the fixed list above, never from input.
  db.prepare(`UPDATE accounts SET ${sets.join(', ')} WHERE id = ? AND kind = 'telegram'`).run(...values, id);
}

export function setAccountStatus(db: Db, id: number, status: AccountStatus, reason: string | null, floodUntil: number | null, now: number): void {
  stmt(db, 'UPDATE accounts SET status = ?, status_reason = ?, flood_until = ?, updated_at = ? WHERE id = ?').run(status, reason, floodUntil, now, id);
}

/** The id of the account signed in as this Telegram user, if Voronka has it. */
export function accountIdByTelegramUser(db: Db, telegramUserId: string): number | undefined {
  return stmt(db, "SELECT id FROM accounts WHERE kind = 'telegram' AND telegram_user_id = ?").pluck().get(telegramUserId) as number | undefined;
}

/** Forgets the session of a logged-out account; the row, its leads and settings stay. */
export function clearAccountSession(db: Db, id: number, now: number): void {
  stmt(db, "UPDATE accounts SET session_enc = NULL, status = 'needs_login', status_reason = 'LOGGED_OUT', updated_at = ? WHERE id = ? AND kind = 'telegram'").run(now, id);
}

export function deleteTelegramAccount(db: Db, id: number): boolean {
  return stmt(db, "DELETE FROM accounts WHERE id = ? AND kind = 'telegram'").run(id).changes > 0;
}
