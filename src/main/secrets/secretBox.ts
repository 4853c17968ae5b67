import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Encrypts secrets at rest: Telegram sessions, API keys, the postback token. */
export interface SecretBox {
  seal(plain: string): Buffer;
  open(sealed: Buffer): string;
}

/** The part of Electron's `safeStorage` the key file needs (the OS keychain / DPAPI / libsecret). */
export interface KeychainLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/** How the data key is protected on disk: by the OS keychain, or only by the file's 0600 mode. */
export type KeyWrapping = 'keychain' | 'file';

export interface KeyFileStatus {
  wrapping: KeyWrapping;
  keychainAvailable: boolean;
  /**
   * `keychain-available`: the key is protected by the file only, yet a keychain is available now
   * (it was not when the key was made): the app offers to re-wrap it (`rewrapKeyFile`).
   */
  notice: 'keychain-available' | null;
  /** The file had no header (written before the format had one) and was rewritten with it. */
  migrated: boolean;
}

/**
 * The key is wrapped by the OS keychain, which cannot unwrap it now (no keyring, locked, another
 * user). Nothing was changed: the file is kept as it is, so the sessions come back with the keychain.
 */
export class KeychainUnavailableError extends Error {
  constructor(readonly path: string, readonly detail: string) {
    super(
      `The key that encrypts your Telegram sessions and API keys (${path}) is protected by the system keychain, which cannot open it now (${detail}). ` +
        'Nothing was changed. Unlock or install the keychain (on Linux: GNOME Keyring or KWallet) and start Voronka again.',
    );
    this.name = 'KeychainUnavailableError';
  }
}

export const keyFileName = 'secret.key';
const sealVersion = 1;
/** Key file layout: magic, format version, wrapping (0 file, 1 keychain), then the (wrapped) key. */
const magic = Buffer.from('VRNKKEY', 'ascii');
const formatVersion = 2;
const headerLength = magic.length + 2;
const wrappingCode: Record<KeyWrapping, number> = { file: 0, keychain: 1 };

/** AES-256-GCM with a random data key kept in `<dataDir>/secret.key` (mode 0600), created on first use. */
export function createSecretBox(dataDir: string, keychain?: KeychainLike): SecretBox {
  return openSecretBox(dataDir, keychain).box;
}

/** The secret box and how its key is kept, so the host can tell the user when that changed. */
export function openSecretBox(dataDir: string, keychain?: KeychainLike): { box: SecretBox; status: KeyFileStatus } {
  const path = join(dataDir, keyFileName);
  const available = keychain?.isEncryptionAvailable() ?? false;
  let key: Buffer;
  let status: KeyFileStatus;
  if (existsSync(path)) {
    const stored = readKeyFile(path);
    key = unwrap(path, stored, keychain);
    if (stored.legacy) rewriteQuietly(path, stored.wrapping, stored.payload);
    status = { wrapping: stored.wrapping, keychainAvailable: available, notice: stored.wrapping === 'file' && available ? 'keychain-available' : null, migrated: stored.legacy };
  } else {
    key = randomBytes(32);
    const wrapping: KeyWrapping = available ? 'keychain' : 'file';
    writeKeyFile(path, wrapping, wrap(key, wrapping, keychain), 'wx');
    status = { wrapping, keychainAvailable: available, notice: null, migrated: false };
  }
  return { box: sealWith(key), status };
}

/**
 * Re-wraps the existing key: with the keychain (`to: 'keychain'`, when it became available) or back
 * to file-only protection (before moving the data folder to a machine without one). The key itself
 * does not change, so every stored secret stays readable. Written to a temp file and renamed in.
 */
export function rewrapKeyFile(dataDir: string, to: KeyWrapping, keychain?: KeychainLike): void {
  const path = join(dataDir, keyFileName);
  const available = keychain?.isEncryptionAvailable() ?? false;
  if (to === 'keychain' && !available) throw new Error('The system keychain is not available');
  const stored = readKeyFile(path);
  const key = unwrap(path, stored, keychain);
  writeKeyFile(path, to, wrap(key, to, keychain), 'replace');
}

interface StoredKey {
  wrapping: KeyWrapping;
  payload: Buffer;
  legacy: boolean;
}

function readKeyFile(path: string): StoredKey {
  const raw = readFileSync(path);
  if (raw.length > headerLength && raw.subarray(0, magic.length).equals(magic)) {
    const version = raw[magic.length];
    if (version !== formatVersion) throw new Error(`${path} is a Voronka key file of a newer format (${String(version)}); update Voronka to open it`);
    const code = raw[magic.length + 1];
    const wrapping = (Object.keys(wrappingCode) as KeyWrapping[]).find((w) => wrappingCode[w] === code);
    if (!wrapping) throw new Error(`${path} is damaged: unknown key protection ${String(code)}`);
    return { wrapping, payload: raw.subarray(headerLength), legacy: false };
  }
  // Before the header: a bare 32-byte key, or the keychain's wrapping of its base64 (always longer).
  return { wrapping: raw.length === 32 ? 'file' : 'keychain', payload: raw, legacy: true };
}

function unwrap(path: string, stored: StoredKey, keychain: KeychainLike | undefined): Buffer {
  let key: Buffer;
  if (stored.wrapping === 'file') {
    key = stored.payload;
  } else {
    if (!keychain) throw new KeychainUnavailableError(path, 'this host has no keychain: the headless host never has one, open this folder with the desktop app');
    // Asked even when it says it is unavailable: it is the one that knows whether it can decrypt.
    try {
      key = Buffer.from(keychain.decryptString(stored.payload), 'base64');
    } catch (error) {
      throw new KeychainUnavailableError(path, error instanceof Error ? error.message : String(error));
    }
  }
  if (key.length !== 32) throw new Error(`${path} is damaged: the key inside is ${key.length} bytes, not 32`);
  return key;
}

function wrap(key: Buffer, wrapping: KeyWrapping, keychain: KeychainLike | undefined): Buffer {
  if (wrapping === 'file') return key;
  if (!keychain) throw new Error('The system keychain is not available');
  return keychain.encryptString(key.toString('base64'));
}

function writeKeyFile(path: string, wrapping: KeyWrapping, payload: Buffer, mode: 'wx' | 'replace'): void {
  const bytes = Buffer.concat([magic, Buffer.from([formatVersion, wrappingCode[wrapping]]), payload]);
  if (mode === 'wx') {
    writeFileSync(path, bytes, { mode: 0o600, flag: 'wx' });
  } else {
    // The old file stays whole until the new one is complete: a crash mid-write loses nothing.
    const temp = `${path}.${process.pid}.tmp`;
    writeFileSync(temp, bytes, { mode: 0o600 });
    renameSync(temp, path);
  }
  chmodSync(path, 0o600);
}

/** Adds the header to a file written before it existed; a read-only folder just keeps the old file. */
function rewriteQuietly(path: string, wrapping: KeyWrapping, payload: Buffer): void {
  try {
    writeKeyFile(path, wrapping, payload, 'replace');
  } catch {
    // The headerless file still reads; the next start tries again.
  }
}

function sealWith(key: Buffer): SecretBox {
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.from([sealVersion]), iv, cipher.getAuthTag(), body]);
    },
    open(sealed) {
      if (sealed[0] !== sealVersion) throw new Error('Unknown secret format');
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(1, 13));
      decipher.setAuthTag(sealed.subarray(13, 29));
      return Buffer.concat([decipher.update(sealed.subarray(29)), decipher.final()]).toString('utf8');
    },
  };
}
