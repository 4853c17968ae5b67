import { randomInt } from 'node:crypto';
import { deviceProfileSchema, type DeviceProfile } from '../../shared/rpc/accounts';
import type { Db } from '../db/connection';
import { updateAccountSettings, type TelegramAccountRow } from '../db/repositories/accountsRepo';
import { jsonColumn } from '../db/statements';

/**
 * Plausible descriptions of the official desktop clients, as they appear in Settings → Devices.
 * Telegram's anti-abuse systems look at these: a session calling itself "Voronka 1.0", or one
 * that changes device on every start, stands out. One is picked per account and stored.
 */
const desktopProfiles: readonly Omit<DeviceProfile, 'langCode' | 'systemLangCode'>[] = [
  { deviceModel: 'Desktop', systemVersion: 'Windows 10', appVersion: '5.8.3 x64' },
  { deviceModel: 'Desktop', systemVersion: 'Windows 11', appVersion: '5.8.3 x64' },
  { deviceModel: 'MS-7C02', systemVersion: 'Windows 10', appVersion: '5.7.1 x64' },
  { deviceModel: 'MacBook Pro', systemVersion: 'macOS 14.5', appVersion: '10.14.1 (271006) APPSTORE' },
  { deviceModel: 'MacBook Air', systemVersion: 'macOS 13.6.7', appVersion: '10.13 (270034) APPSTORE' },
];

/** Phone country codes whose users mostly run their clients in Russian (RU first, as the product). */
const russianSpeakingPrefixes = ['7', '375', '380', '996', '998', '992', '994', '374', '373'];

/** A fresh profile for an account: one of the desktop clients, in the language its phone suggests. */
export function defaultDeviceProfile(phone: string | null, pick: (n: number) => number = randomInt): DeviceProfile {
  const base = desktopProfiles[pick(desktopProfiles.length)] ?? desktopProfiles[0];
  const digits = (phone ?? '').replace(/\D/g, '');
  const russian = !digits || russianSpeakingPrefixes.some((p) => digits.startsWith(p));
  return { ...(base as (typeof desktopProfiles)[number]), langCode: russian ? 'ru' : 'en', systemLangCode: russian ? 'ru-RU' : 'en-US' };
}

/** The stored profile (accounts.device JSON), or undefined when none is stored or it is unreadable. */
export function readDeviceProfile(stored: string | null): DeviceProfile | undefined {
  if (!stored) return undefined;
  const parsed = deviceProfileSchema.safeParse(jsonColumn<unknown>(stored, null));
  return parsed.success ? parsed.data : undefined;
}

/**
 * The account's stored profile; an account without one (signed in before profiles existed) gets a
 * default that is stored at once, so it stays the same from then on.
 */
export function ensureDeviceProfile(db: Db, row: Pick<TelegramAccountRow, 'id' | 'phone' | 'device'>): DeviceProfile {
  const stored = readDeviceProfile(row.device);
  if (stored) return stored;
  const fresh = defaultDeviceProfile(row.phone, (n) => row.id % n);
  updateAccountSettings(db, row.id, { device: JSON.stringify(fresh) }, Date.now());
  return fresh;
}
