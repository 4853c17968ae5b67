import type { TelegramAccountRow } from '../db/repositories/accountsRepo';
import { Api } from 'teleproto';
import { createTelegramClient } from './clientFactory';
import { readDeviceProfile, defaultDeviceProfile } from './deviceProfile';
import { clientProxy } from './proxySettings';
import type { TelegramContext } from './telegramContext';
import { describeError } from './telegramErrors';
import { withTimeout } from './withTimeout';

/**
 * Ends the account's session at Telegram (auth.logOut), so it disappears from the owner's *Active
 * sessions*. A session Telegram already dropped, or a Telegram that cannot be reached, does not
 * stop the log-out here: the session is forgotten locally either way, and the log says which.
 */
export async function logOutSession(row: TelegramAccountRow, ctx: TelegramContext): Promise<void> {
  if (!row.sessionEnc || !row.apiHashEnc || row.apiId === null) return;
  const { secrets } = ctx;
  const client = createTelegramClient(
    { session: secrets.open(row.sessionEnc), apiId: row.apiId, apiHash: secrets.open(row.apiHashEnc), proxy: clientProxy(row.proxy, secrets), device: readDeviceProfile(row.device) ?? defaultDeviceProfile(row.phone) },
    { ...ctx.clientOptions, connectionRetries: 2, reconnectRetries: 0 },
  );
  try {
    await withTimeout(client.connect(), 20_000);
    await withTimeout(client.invoke(new Api.auth.LogOut()), 20_000);
    ctx.log.info('account logged out at Telegram', { accountId: row.id });
  } catch (error) {
    ctx.log.warn('log-out at Telegram failed; the session is forgotten locally', { accountId: row.id, error: describeError(error) });
  } finally {
    await client.destroy().catch(() => undefined);
  }
}
