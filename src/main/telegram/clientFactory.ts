import { TelegramClient } from 'teleproto';
import type { TelegramClientParams } from 'teleproto/client/telegramBaseClient';
import { Logger, LogLevel } from 'teleproto/extensions/Logger.js';
import type { ProxyInterface } from 'teleproto/network/connection/TCPMTProxy';
import { StringSession } from 'teleproto/sessions/index.js';
import type { DeviceProfile } from '../../shared/rpc/accounts';
import { ConnectionTCPMTProxyPadded, isPaddedSecret } from './mtproxyPadded';

/**
 * Extra client settings from the composition root. Tests and the sandbox host pass the fake server's
 * `networkSocket` class here (teleproto reuses it for reconnects and download connections).
 */
export interface TelegramClientOptions extends Partial<TelegramClientParams> {
  /**
   * Where a brand-new session starts (before any login). Unset: teleproto's default DC. The fake
   * server needs its own DC id, or downloads would ask for a DC it does not have.
   */
  initialDc?: { id: number; ip: string; port: number };
}

export interface ClientSpec {
  /** Saved StringSession, or '' for a client that is about to log in. */
  session: string;
  apiId: number;
  apiHash: string;
  proxy?: ProxyInterface;
  /** What the client tells Telegram it is (initConnection); stored per account. */
  device: DeviceProfile;
}

/** The one place a TelegramClient is constructed, so every account gets the same defaults. */
export function createTelegramClient(spec: ClientSpec, options: TelegramClientOptions = {}): TelegramClient {
  const { initialDc, ...params } = options;
  const session = new StringSession(spec.session);
  // StringSession.save() writes the port as int16, so the stored port must stay small (443).
  if (!spec.session && initialDc) session.setDC(initialDc.id, initialDc.ip, initialDc.port);
  const client = new TelegramClient(session, spec.apiId, spec.apiHash, {
    // FLOOD_WAIT must come back to us: the sender moves the row instead of a hidden in-call sleep.
    floodSleepThreshold: 0,
    // Keep retrying: the status shows "offline" meanwhile, and catch-up runs after the reconnect.
    connectionRetries: Infinity,
    reconnectRetries: Infinity,
    // teleproto logs to the console; our own logger reports what matters.
    baseLogger: new Logger(LogLevel.NONE),
    deviceModel: spec.device.deviceModel,
    systemVersion: spec.device.systemVersion,
    appVersion: spec.device.appVersion,
    // lang_code / system_lang_code come from the profile. lang_pack cannot be set: teleproto's
    // initConnection hard-codes "" ("this should be left empty"), which is also what clients with
    // their own API id send; an official client's pack name with another API id is not ours to claim.
    langCode: spec.device.langCode,
    systemLangCode: spec.device.systemLangCode,
    ...(spec.proxy ? { proxy: spec.proxy } : {}),
    ...params,
  });
  // teleproto picks its abridged MTProxy transport for every secret; a `dd` secret needs padded
  // intermediate framing (mtproxyPadded.ts). `_connection` is the class teleproto dials every DC with.
  if (spec.proxy && 'MTProxy' in spec.proxy && isPaddedSecret(spec.proxy.secret)) client._connection = ConnectionTCPMTProxyPadded;
  return client;
}

/** The session string of a signed-in client (teleproto types `save()` loosely). */
export function saveSession(client: TelegramClient): string {
  const saved: unknown = client.session.save();
  if (typeof saved !== 'string' || !saved) throw new Error('The Telegram session could not be saved');
  return saved;
}
