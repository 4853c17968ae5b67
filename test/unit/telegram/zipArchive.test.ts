import { describe, expect, it } from 'vitest';
import { looksLikeZip, readZip, ZipError } from '../../../src/main/telegram/import/zipArchive';
import { writeZip } from '../../support/import/zipWriter';

/** Offsets of every local and central header of an archive (walked by signature). */
function headers(zip: Buffer): { local: number[]; central: number[] } {
  const local: number[] = [];
  const central: number[] = [];
  for (let at = 0; at + 4 <= zip.length; at++) {
    const sig = zip.readUInt32LE(at);
    if (sig === 0x04034b50) local.push(at);
    if (sig === 0x02014b50) central.push(at);
  }
  return { local, central };
}

const files = [
  { path: 'tdata/key_datas', bytes: Buffer.from('key data '.repeat(50)) },
  { path: 'tdata/D877F783D5D3EF8C/maps', bytes: Buffer.from([1, 2, 3, 4, 5]) },
  { path: 'папка/аккаунт.session', bytes: Buffer.from('unicode name') },
];

describe('zip import reader', () => {
  it('reads deflated entries with UTF-8 names, as archivers write them', () => {
    const zip = writeZip(files);
    expect(looksLikeZip(zip)).toBe(true);
    expect(readZip(zip).map((f) => ({ path: f.path, text: f.bytes.toString('hex') }))).toEqual(files.map((f) => ({ path: f.path, text: f.bytes.toString('hex') })));
  });

  it('refuses a password-protected archive with a clear message', () => {
    const zip = writeZip(files);
    const { local, central } = headers(zip);
    for (const at of local) zip.writeUInt16LE(zip.readUInt16LE(at + 6) | 1, at + 6);
    for (const at of central) zip.writeUInt16LE(zip.readUInt16LE(at + 8) | 1, at + 8);
    expect(() => readZip(zip)).toThrow(/password-protected/);
  });

  it('refuses a damaged entry (its CRC-32 does not match) instead of importing wrong bytes', () => {
    const zip = writeZip(files);
    const { local, central } = headers(zip);
    const [l, c] = [local[1] as number, central[1] as number];
    zip.writeUInt32LE(zip.readUInt32LE(l + 14) ^ 0xff, l + 14);
    zip.writeUInt32LE(zip.readUInt32LE(c + 16) ^ 0xff, c + 16);
    expect(() => readZip(zip)).toThrow(ZipError);
  });

  it('refuses a truncated archive and something that only starts like one', () => {
    const zip = writeZip(files);
    expect(() => readZip(zip.subarray(0, zip.length - 30))).toThrow(ZipError);
    expect(() => readZip(Buffer.from('PK\u0003\u0004 not really a zip'))).toThrow(ZipError);
  });
});
