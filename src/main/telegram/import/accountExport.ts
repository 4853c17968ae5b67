import { msg } from '../../../shared/appMessage';
import { telegramAccount } from '../../db/repositories/accountsRepo';
import { AppFailure } from '../../appFailure';
import { ensureDeviceProfile } from '../deviceProfile';
import { openProxyInput } from '../proxySettings';
import type { TelegramContext } from '../telegramContext';
import { accountExportExtension, sealAccountExport } from './accountExportFile';

/**
 * Seals one account (session, API id/hash, device profile, proxy) with the operator's password.
 * The account keeps running here: the UI tells the operator to remove it from this machine once
 * the other one runs it, because one session in two places gets killed (AUTH_KEY_DUPLICATED).
 */
export async function exportAccount(ctx: TelegramContext, accountId: number, password: string): Promise<{ fileName: string; data: Buffer }> {
  const row = telegramAccount(ctx.db, accountId);
  if (!row) throw new AppFailure('not_found', msg('accountMissing', { id: accountId }));
  if (!row.sessionEnc || row.apiId === null || !row.apiHashEnc) throw new AppFailure('invalid_input', msg('noSessionToExport'));
  const data = await sealAccountExport(
    {
      phone: row.phone,
      telegramUserId: row.telegramUserId,
      username: row.username,
      displayName: row.displayName,
      apiId: row.apiId,
      apiHash: ctx.secrets.open(row.apiHashEnc),
      session: ctx.secrets.open(row.sessionEnc),
      device: ensureDeviceProfile(ctx.db, row),
      proxy: openProxyInput(row.proxy, ctx.secrets),
      exportedAt: ctx.clock.now(),
    },
    password,
  );
  const name = (row.username ?? row.phone ?? `account-${row.id}`).replace(/[^\w.+-]/g, '_');
  return { fileName: `${name}${accountExportExtension}`, data };
}
