import { createCipheriv, randomBytes, scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AccountExportError, openAccountExport, sealAccountExport, WrongExportPassword, type AccountExportPayload } from '../../../src/main/telegram/import/accountExportFile';

const payload: AccountExportPayload = {
  phone: '+15550001',
  telegramUserId: '42',
  username: null,
  displayName: 'Test',
  apiId: 1,
  apiHash: '0123456789abcdef0123456789abcdef',
  session: '1AAAA',
  device: { deviceModel: 'PC', systemVersion: 'Linux', appVersion: '1.0', langCode: 'en', systemLangCode: 'en' },
  proxy: null,
  exportedAt: 1,
};

/** A file sealed by hand with the given scrypt parameters (as a crafted or an older file would be). */
function sealedWith(kdf: { N: number; r: number; p: number }, saltBytes = 16): Buffer {
  const salt = randomBytes(saltBytes);
  const iv = randomBytes(12);
  const header = { format: 'voronka-account-export', version: 1, kdf: { name: 'scrypt', ...kdf, salt: salt.toString('base64') }, cipher: 'aes-256-gcm', iv: iv.toString('base64') };
  const small = kdf.r >= 1 && kdf.p >= 1 && (kdf.N & (kdf.N - 1)) === 0 && kdf.N * kdf.r <= 2 ** 15 * 8 && kdf.p <= 2;
  // Only files we mean to open are really derived; a refused header is never derived at all.
  const key = small ? scryptSync('pw', salt, 32, { ...kdf, maxmem: 256 * kdf.N * kdf.r + 2 ** 20 }) : randomBytes(32);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(JSON.stringify(header)));
  const sealed = Buffer.concat([cipher.update(JSON.stringify(payload), 'utf8'), cipher.final()]);
  return Buffer.from(JSON.stringify({ ...header, payload: sealed.toString('base64'), tag: cipher.getAuthTag().toString('base64') }));
}

describe('account export file: scrypt parameters', () => {
  it('seals with OWASP scrypt minimum N=2^17, r=8, p=1 and opens it again', async () => {
    const file = await sealAccountExport(payload, 'pw');
    expect(JSON.parse(file.toString('utf8')).kdf).toMatchObject({ name: 'scrypt', N: 2 ** 17, r: 8, p: 1 });
    expect(await openAccountExport(file, 'pw')).toEqual(payload);
    await expect(openAccountExport(file, 'wrong')).rejects.toBeInstanceOf(WrongExportPassword);
  });

  it('still opens a file sealed with the first version’s N=2^15', async () => {
    expect(await openAccountExport(sealedWith({ N: 2 ** 15, r: 8, p: 1 }), 'pw')).toEqual(payload);
  });

  it.each([
    ['more memory than N=2^17, r=8', { N: 2 ** 20, r: 8, p: 1 }, 16, /too much memory/],
    ['N·r over the bound with a small N', { N: 2 ** 10, r: 2 ** 11, p: 1 }, 16, /too much memory/],
    ['p over 2', { N: 2 ** 10, r: 8, p: 4 }, 16, /p over 2/],
    ['r of 0', { N: 2 ** 10, r: 0, p: 1 }, 16, /at least 1/],
    ['a salt under 16 bytes', { N: 2 ** 10, r: 8, p: 1 }, 8, /salt shorter/],
    ['N not a power of two', { N: 1000, r: 8, p: 1 }, 16, /power of two/],
  ])('refuses a crafted header with %s, with a clear error', async (_name, kdf, salt, message) => {
    const opened = openAccountExport(sealedWith(kdf, salt), 'pw');
    await expect(opened).rejects.toBeInstanceOf(AccountExportError);
    await expect(opened).rejects.toThrow(message);
  });
});
