import type { ProxyInterface } from 'teleproto/network/connection/TCPMTProxy';
import { z } from 'zod';
import type { ProxyInput, ProxyView } from '../../shared/rpc/accounts';
import type { SecretBox } from '../secrets/secretBox';
import { jsonColumn } from '../db/statements';

/**
 * A proxy per account, stored as JSON in `accounts.proxy` with its secret (SOCKS password, MTProxy
 * secret) sealed by the SecretBox, so the db file alone reveals no credentials.
 *
 * MTProxy: teleproto switches to its obfuscated transport when `MTProxy` is set (abridged framing
 * for plain secrets; `dd` secrets get padded intermediate from mtproxyPadded.ts). Both are tested
 * through a local MTProxy endpoint (test/support/fake-telegram/mtproxyEndpoint.ts). SOCKS5 goes
 * through teleproto's socket class (the `socks` package).
 */
const storedSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('socks5'), host: z.string(), port: z.number(), username: z.string().nullable(), passwordEnc: z.string().nullable() }),
  z.object({ type: z.literal('mtproxy'), host: z.string(), port: z.number(), secretEnc: z.string() }),
]);
type StoredProxy = z.infer<typeof storedSchema>;

export function sealProxy(input: ProxyInput, secrets: SecretBox): string {
  const stored: StoredProxy =
    input.type === 'socks5'
      ? {
          type: 'socks5',
          host: input.host,
          port: input.port,
          username: input.username || null,
          passwordEnc: input.password ? secrets.seal(input.password).toString('base64') : null,
        }
      : { type: 'mtproxy', host: input.host, port: input.port, secretEnc: secrets.seal(input.secret.toLowerCase()).toString('base64') };
  return JSON.stringify(stored);
}

function readStored(json: string | null): StoredProxy | undefined {
  if (json === null) return undefined;
  const parsed = storedSchema.safeParse(jsonColumn<unknown>(json, null));
  return parsed.success ? parsed.data : undefined;
}

export function proxyView(json: string | null): ProxyView | null {
  const stored = readStored(json);
  if (!stored) return null;
  return stored.type === 'socks5'
    ? { type: 'socks5', host: stored.host, port: stored.port, username: stored.username, hasPassword: stored.passwordEnc !== null }
    : { type: 'mtproxy', host: stored.host, port: stored.port, hasSecret: true };
}

/** teleproto's proxy option for the stored setting (secrets opened only here, right before use). */
export function clientProxy(json: string | null, secrets: SecretBox): ProxyInterface | undefined {
  const stored = readStored(json);
  if (!stored) return undefined;
  if (stored.type === 'mtproxy') {
    return { ip: stored.host, port: stored.port, MTProxy: true, secret: secrets.open(Buffer.from(stored.secretEnc, 'base64')) };
  }
  return {
    ip: stored.host,
    port: stored.port,
    socksType: 5,
    ...(stored.username ? { username: stored.username } : {}),
    ...(stored.passwordEnc ? { password: secrets.open(Buffer.from(stored.passwordEnc, 'base64')) } : {}),
    timeout: 10,
  };
}

/** The stored setting as the user entered it, secrets opened (for a password-sealed account export only). */
export function openProxyInput(json: string | null, secrets: SecretBox): ProxyInput | null {
  const stored = readStored(json);
  if (!stored) return null;
  if (stored.type === 'mtproxy') return { type: 'mtproxy', host: stored.host, port: stored.port, secret: secrets.open(Buffer.from(stored.secretEnc, 'base64')) };
  return {
    type: 'socks5',
    host: stored.host,
    port: stored.port,
    ...(stored.username ? { username: stored.username } : {}),
    ...(stored.passwordEnc ? { password: secrets.open(Buffer.from(stored.passwordEnc, 'base64')) } : {}),
  };
}
