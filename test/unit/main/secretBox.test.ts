import { statSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSecretBox, KeychainUnavailableError, openSecretBox, rewrapKeyFile, type KeychainLike } from '../../../src/main/secrets/secretBox';
import { tempDir } from '../../support/tempDb';

/**
 * Electron's safeStorage as the OS gives it: a keychain that may be there or not (no keyring on a
 * Linux box, a locked one). Like the real one it prefixes `v10` and refuses to decrypt when encryption
 * is not available. It is the outside world here; the secrets module under test is real.
 */
function fakeSafeStorage(initiallyAvailable: boolean): KeychainLike & { available: boolean } {
  const machineSecret = Buffer.from('this machine keyring secret, 32b');
  const xor = (b: Buffer) => Buffer.from(b.map((byte, i) => byte ^ (machineSecret[i % machineSecret.length] ?? 0)));
  return {
    available: initiallyAvailable,
    isEncryptionAvailable() {
      return this.available;
    },
    encryptString(plain) {
      if (!this.available) throw new Error('Error while encrypting the text provided to safeStorage.encryptString. Encryption is not available.');
      return Buffer.concat([Buffer.from('v10'), xor(Buffer.from(plain, 'utf8'))]);
    },
    decryptString(encrypted) {
      if (!this.available) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString. Encryption is not available.');
      if (!encrypted.subarray(0, 3).equals(Buffer.from('v10'))) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return xor(encrypted.subarray(3)).toString('utf8');
    },
  };
}

const keyFile = (dir: string) => join(dir, 'secret.key');

describe('secret box', () => {
  it('round-trips, never stores the plain text, and keeps its key file private', () => {
    const dir = tempDir();
    const box = createSecretBox(dir);
    const sealed = box.seal('1BQANOTAREALSESSION');
    expect(sealed.toString('utf8')).not.toContain('NOTAREAL');
    expect(createSecretBox(dir).open(sealed)).toBe('1BQANOTAREALSESSION');
    expect(statSync(keyFile(dir)).mode & 0o777).toBe(0o600);
    // Magic, format version 2, protection 0 (file only), then the 32-byte key.
    const file = readFileSync(keyFile(dir));
    expect(file.subarray(0, 9)).toEqual(Buffer.from([...Buffer.from('VRNKKEY'), 2, 0]));
    expect(file).toHaveLength(9 + 32);
  });

  it('rejects tampered data and another folder’s key', () => {
    const box = createSecretBox(tempDir());
    const sealed = box.seal('secret');
    sealed.writeUInt8(sealed.readUInt8(sealed.length - 1) ^ 1, sealed.length - 1);
    expect(() => box.open(sealed)).toThrow();
    expect(() => createSecretBox(tempDir()).open(box.seal('x'))).toThrow();
  });

  it('wraps the data key with the keychain when one is available (Electron safeStorage)', () => {
    const dir = tempDir();
    const keychain = fakeSafeStorage(true);
    const { box, status } = openSecretBox(dir, keychain);
    expect(status).toEqual({ wrapping: 'keychain', keychainAvailable: true, notice: null, migrated: false });
    const file = readFileSync(keyFile(dir));
    expect(file.subarray(0, 12)).toEqual(Buffer.from([...Buffer.from('VRNKKEY'), 2, 1, ...Buffer.from('v10')]));
    expect(createSecretBox(dir, keychain).open(box.seal('key'))).toBe('key');
  });

  it('reads the headerless key files of earlier versions (bare and keychain-wrapped) and adds the header', () => {
    const bare = tempDir();
    const key = Buffer.alloc(32, 7);
    writeFileSync(keyFile(bare), key, { mode: 0o600 });
    const first = openSecretBox(bare);
    expect(first.status).toMatchObject({ wrapping: 'file', migrated: true });
    const sealed = first.box.seal('session');
    expect(readFileSync(keyFile(bare))).toEqual(Buffer.concat([Buffer.from('VRNKKEY'), Buffer.from([2, 0]), key]));
    expect(openSecretBox(bare).status.migrated).toBe(false);
    expect(createSecretBox(bare).open(sealed)).toBe('session');

    const wrapped = tempDir();
    const keychain = fakeSafeStorage(true);
    writeFileSync(keyFile(wrapped), keychain.encryptString(key.toString('base64')), { mode: 0o600 });
    const opened = openSecretBox(wrapped, keychain);
    expect(opened.status).toMatchObject({ wrapping: 'keychain', migrated: true });
    // Same key as the bare folder: what one sealed the other opens.
    expect(opened.box.open(sealed)).toBe('session');
    expect(readFileSync(keyFile(wrapped)).subarray(0, 9)).toEqual(Buffer.from([...Buffer.from('VRNKKEY'), 2, 1]));
  });

  it('keychain became available: keeps the file-only key working, says so, and re-wraps it when asked', () => {
    const dir = tempDir();
    const keychain = fakeSafeStorage(false);
    const first = openSecretBox(dir, keychain);
    expect(first.status).toEqual({ wrapping: 'file', keychainAvailable: false, notice: null, migrated: false });
    const session = first.box.seal('telegram session');

    keychain.available = true; // e.g. gnome-keyring installed since the last run
    const second = openSecretBox(dir, keychain);
    expect(second.status).toEqual({ wrapping: 'file', keychainAvailable: true, notice: 'keychain-available', migrated: false });
    expect(second.box.open(session)).toBe('telegram session');

    rewrapKeyFile(dir, 'keychain', keychain);
    const third = openSecretBox(dir, keychain);
    expect(third.status).toEqual({ wrapping: 'keychain', keychainAvailable: true, notice: null, migrated: false });
    expect(third.box.open(session)).toBe('telegram session');
    expect(statSync(keyFile(dir)).mode & 0o777).toBe(0o600);
  });

  it('keychain became unavailable: a clear error, the key file untouched, and the sessions back once it returns', () => {
    const dir = tempDir();
    const keychain = fakeSafeStorage(true);
    const session = createSecretBox(dir, keychain).seal('telegram session');
    const before = readFileSync(keyFile(dir));

    keychain.available = false; // the keyring is locked or gone this run
    let error: unknown;
    try {
      openSecretBox(dir, keychain);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(KeychainUnavailableError);
    expect((error as Error).message).toMatch(/protected by the system keychain, which cannot open it now/);
    expect((error as Error).message).toMatch(/Nothing was changed/);
    expect((error as Error).message).not.toMatch(/not a Voronka key file/);
    // Also without any keychain object at all (the headless host on the same folder).
    expect(() => openSecretBox(dir)).toThrow(KeychainUnavailableError);
    expect(readFileSync(keyFile(dir))).toEqual(before);

    keychain.available = true;
    expect(createSecretBox(dir, keychain).open(session)).toBe('telegram session');
    // The way to a machine without a keychain: back to file-only protection, same key.
    rewrapKeyFile(dir, 'file', keychain);
    keychain.available = false;
    expect(openSecretBox(dir, keychain).status).toMatchObject({ wrapping: 'file', notice: null });
    expect(createSecretBox(dir).open(session)).toBe('telegram session');
  });

  it('an old keychain-wrapped file without a keychain is the keychain error too, not "not a key file"', () => {
    const dir = tempDir();
    const keychain = fakeSafeStorage(true);
    writeFileSync(keyFile(dir), keychain.encryptString(Buffer.alloc(32, 3).toString('base64')), { mode: 0o600 });
    const before = readFileSync(keyFile(dir));
    expect(() => openSecretBox(dir, fakeSafeStorage(false))).toThrow(KeychainUnavailableError);
    expect(readFileSync(keyFile(dir))).toEqual(before);
  });
});
