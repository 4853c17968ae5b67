import type { AccountView } from '../../shared/rpc/accounts';
import type { TelegramAccountRow } from '../db/repositories/accountsRepo';
import { defaultDeviceProfile, readDeviceProfile } from './deviceProfile';
import { readHumanSettings } from './humanSettings';
import { proxyView } from './proxySettings';

/** The UI's view of an account row: flags instead of secrets. */
export function accountView(row: TelegramAccountRow, activity: AccountView['activity'] = { messages24h: 0, newChats24h: 0 }): AccountView {
  return {
    id: row.id,
    phone: row.phone,
    telegramUserId: row.telegramUserId,
    username: row.username,
    displayName: row.displayName,
    status: row.status,
    statusReason: row.statusReason,
    floodUntil: row.floodUntil,
    apiId: row.apiId,
    hasApiHash: row.apiHashEnc !== null,
    hasSession: row.sessionEnc !== null,
    proxy: proxyView(row.proxy),
    human: readHumanSettings(row.human),
    // A row gets its profile on its first connection (ensureDeviceProfile, same pick): show that one.
    device: readDeviceProfile(row.device) ?? defaultDeviceProfile(row.phone, (n) => row.id % n),
    scriptId: row.scriptId,
    enabled: row.enabled,
    activity,
  };
}
