import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Encrypts secrets at rest: Telegram sessions, API keys, the postback token. */
export interface SecretBox {
  seal(plain: string): Buffer;
  open(sealed: Buffer): string;
}

/**
 * Protects the data key itself. Electron passes `safeStorage` (OS keychain / DPAPI / libsecret);
 * the headless host has none, and relies on the key file's 0600 permissions instead.
 */
export interface KeyProtector {
  protect(key: Buffer): Buffer;
  unprotect(stored: Buffer): Buffer;
}

const keyFileName = 'secret.key';
const version = 1;

/** AES-256-GCM with a random data key kept in `<dataDir>/secret.key` (mode 0600), created on first use. */
export function createSecretBox(dataDir: string, protector?: KeyProtector): SecretBox {
  const key = loadOrCreateKey(join(dataDir, keyFileName), protector);
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.from([version]), iv, cipher.getAuthTag(), body]);
    },
    open(sealed) {
      if (sealed[0] !== version) throw new Error('Unknown secret format');
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(1, 13));
      decipher.setAuthTag(sealed.subarray(13, 29));
      return Buffer.concat([decipher.update(sealed.subarray(29)), decipher.final()]).toString('utf8');
    },
  };
}

function loadOrCreateKey(path: string, protector: KeyProtector | undefined): Buffer {
  if (existsSync(path)) {
    const stored = readFileSync(path);
    const key = protector ? protector.unprotect(stored) : stored;
    if (key.length !== 32) throw new Error(`${path} is not a Voronka key file`);
    return key;
  }
  const key = randomBytes(32);
  writeFileSync(path, protector ? protector.protect(key) : key, { mode: 0o600, flag: 'wx' });
  chmodSync(path, 0o600);
  return key;
}
