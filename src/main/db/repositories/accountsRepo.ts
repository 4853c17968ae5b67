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
