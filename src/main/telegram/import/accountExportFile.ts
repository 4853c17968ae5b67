import { createCipheriv, createDecipheriv, randomBytes, scrypt, type ScryptOptions } from 'node:crypto';
import { z } from 'zod';
import { deviceProfileSchema, proxyInputSchema } from '../../../shared/rpc/accounts';

/**
 * A Voronka account export: everything needed to run the account on another machine (session,
 * API id/hash, device profile, proxy), sealed with a password. The file is one JSON object: a
 * readable, versioned header (format, version, KDF and its parameters, cipher, IV) and the sealed
 * payload. The key is scrypt(password, salt); the payload is AES-256-GCM with the header as
 * additional data, so a changed header (weaker KDF, another version) fails like a wrong password.
 */

export const accountExportFormat = 'voronka-account-export';
export const accountExportVersion = 1;
/** The file name extension the wizard recognises, besides the content itself. */
export const accountExportExtension = '.voronka-account';

/** What is sealed. The session is the teleproto StringSession (auth key and DC). */
export const accountExportPayloadSchema = z.object({
  phone: z.string().nullable(),
  telegramUserId: z.string().nullable(),
  username: z.string().nullable(),
  displayName: z.string().nullable(),
  apiId: z.number().int().positive(),
  apiHash: z.string().regex(/^[0-9a-f]{32}$/i),
  session: z.string().min(1),
  device: deviceProfileSchema,
  proxy: proxyInputSchema.nullable(),
  exportedAt: z.number().int(),
});
export type AccountExportPayload = z.infer<typeof accountExportPayloadSchema>;

const headerSchema = z.object({
  format: z.literal(accountExportFormat),
  version: z.number().int(),
  kdf: z.object({ name: z.literal('scrypt'), N: z.number().int(), r: z.number().int(), p: z.number().int(), salt: z.string() }),
  cipher: z.literal('aes-256-gcm'),
  iv: z.string(),
});
type Header = z.infer<typeof headerSchema>;
const fileSchema = headerSchema.extend({ payload: z.string(), tag: z.string() });

/** scrypt cost: 2^17 × 8 × 128 bytes = 128 MiB, OWASP's scrypt minimum (N=2^17, r=8, p=1). */
const cost = { N: 2 ** 17, r: 8, p: 1 };
/**
 * What a file's header may ask for: memory (128·N·r bytes) no more than our own cost's, so a crafted
 * header cannot ask for gigabytes; p ≤ 2 bounds the time. Files sealed with a lower N (2^15, the first
 * version) still open: the header is bound to the ciphertext, so nobody can lower it after the fact.
 */
const maxMemoryCost = cost.N * cost.r;
const maxParallel = 2;
const minSaltBytes = 16;

function kdfProblem(kdf: { N: number; r: number; p: number; salt: string }): string | undefined {
  if (kdf.N < 2 || (kdf.N & (kdf.N - 1)) !== 0) return 'N is not a power of two';
  if (kdf.r < 1 || kdf.p < 1) return 'r and p must be at least 1';
  if (kdf.N * kdf.r > maxMemoryCost) return `N·r over ${maxMemoryCost} (too much memory)`;
  if (kdf.p > maxParallel) return `p over ${maxParallel}`;
  if (Buffer.from(kdf.salt, 'base64').length < minSaltBytes) return `salt shorter than ${minSaltBytes} bytes`;
  return undefined;
}

export class AccountExportError extends Error {}
export class WrongExportPassword extends Error {
  constructor() {
    super('Wrong password for this account export (or the file was changed)');
  }
}

export function looksLikeAccountExport(bytes: Buffer): boolean {
  return new RegExp(`"format"\\s*:\\s*"${accountExportFormat}"`).test(bytes.subarray(0, 200).toString('utf8'));
}

function deriveKey(password: string, salt: Buffer, kdf: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 256 * kdf.N * kdf.r + 1024 * 1024 };
  return new Promise((resolve, reject) => scrypt(password.normalize('NFC'), salt, 32, options, (error, key) => (error ? reject(error) : resolve(key))));
}

/** The header's canonical bytes (fixed key order), bound to the ciphertext as GCM additional data. */
function headerBytes(h: Header): Buffer {
  return Buffer.from(JSON.stringify({ format: h.format, version: h.version, kdf: { name: h.kdf.name, N: h.kdf.N, r: h.kdf.r, p: h.kdf.p, salt: h.kdf.salt }, cipher: h.cipher, iv: h.iv }));
}

export async function sealAccountExport(payload: AccountExportPayload, password: string): Promise<Buffer> {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const header: Header = { format: accountExportFormat, version: accountExportVersion, kdf: { name: 'scrypt', ...cost, salt: salt.toString('base64') }, cipher: 'aes-256-gcm', iv: iv.toString('base64') };
  const key = await deriveKey(password, salt, cost);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(headerBytes(header));
  const sealed = Buffer.concat([cipher.update(JSON.stringify(accountExportPayloadSchema.parse(payload)), 'utf8'), cipher.final()]);
  return Buffer.from(`${JSON.stringify({ ...header, payload: sealed.toString('base64'), tag: cipher.getAuthTag().toString('base64') }, null, 1)}\n`);
}

/** Opens an export; AccountExportError for a damaged or unknown file, WrongExportPassword for a wrong password. */
export async function openAccountExport(bytes: Buffer, password: string): Promise<AccountExportPayload> {
  let raw: unknown;
  try {
    raw = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new AccountExportError('Damaged account export: not JSON');
  }
  const version = (raw as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && version > accountExportVersion) throw new AccountExportError(`This account export is version ${version}: update Voronka to read it`);
  const file = fileSchema.safeParse(raw);
  if (!file.success || file.data.version !== accountExportVersion) throw new AccountExportError('Damaged account export: the header is incomplete');
  const { kdf } = file.data;
  const problem = kdfProblem(kdf);
  if (problem) throw new AccountExportError(`Damaged account export: impossible key parameters (${problem})`);
  const iv = Buffer.from(file.data.iv, 'base64');
  const tag = Buffer.from(file.data.tag, 'base64');
  if (iv.length !== 12 || tag.length !== 16) throw new AccountExportError('Damaged account export: bad IV or tag');
  const key = await deriveKey(password, Buffer.from(kdf.salt, 'base64'), kdf);
  let plain: string;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(headerBytes(file.data));
    decipher.setAuthTag(tag);
    plain = Buffer.concat([decipher.update(Buffer.from(file.data.payload, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    throw new WrongExportPassword();
  }
  const payload = accountExportPayloadSchema.safeParse(JSON.parse(plain));
  if (!payload.success) throw new AccountExportError('Damaged account export: the sealed content is incomplete');
  return payload.data;
}
