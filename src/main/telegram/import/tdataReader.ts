import { createHash, pbkdf2Sync, randomBytes, randomFillSync } from 'node:crypto';
import { convertFromTdata, Tdata, type INodeFsLike } from '@mtcute/convert';
import { IGE } from 'teleproto/crypto/IGE.js';
import type { ImportedDevice } from '../../../shared/rpc/accountImport';
import { pyrogramPartsToGramjs } from './sessionStrings';
import type { ImportFile } from './importFile';

/**
 * Telegram Desktop's `tdata` folder → one session per account in it (a tdata can hold several),
 * read by @mtcute/convert. The folder is served from memory (dropped files or a zip's entries), and
 * the crypto it needs comes from node:crypto here, because mtcute's default provider lives in
 * `@mtcute/node`, which Voronka does not ship.
 */

/**
 * What Telegram Desktop presents itself as: its public api_id/api_hash (official desktop builds) and
 * a desktop device. tdata stores no device model (Desktop reads it from the OS at run time), so a
 * common Windows desktop is used; editable afterwards in the account's device profile.
 */
export const telegramDesktopApi = { apiId: 2040, apiHash: 'b18441a1ff607e10a989891a5462e627' } as const;
export const telegramDesktopDevice: ImportedDevice = { deviceModel: 'Desktop', systemVersion: 'Windows 10', appVersion: '5.12.3 x64', langCode: 'en', systemLangCode: 'en-US' };

export interface TdataAccount {
  /** 0-based account slot inside the tdata (Desktop's "account 1, 2, 3"). */
  index: number;
  session: string;
  userId: number;
}

export class TdataError extends Error {}

/** Whether `files` (relative to a folder) look like a tdata folder: it has `key_datas`. */
export function isTdataRoot(names: Iterable<string>): boolean {
  for (const name of names) if (/^key_data[s01]?$/.test(name)) return true;
  return false;
}

export async function readTdata(files: ImportFile[], passcode?: string): Promise<TdataAccount[]> {
  const fs = memoryFs(files);
  let tdata: Tdata;
  try {
    tdata = await Tdata.open({ path: '/tdata', fs, crypto: tdataCrypto(), ...(passcode ? { passcode } : {}) });
  } catch (error) {
    throw new TdataError(describe(error, 'The tdata key file (key_datas) cannot be read'));
  }
  const accounts: TdataAccount[] = [];
  for (const index of tdata.keyData.order.length ? tdata.keyData.order : [0]) {
    try {
      const data = await convertFromTdata(tdata, index);
      // mtcute resolves the DC to Telegram's production address; re-encoded as a gramjs string.
      const session = pyrogramPartsToGramjs({ dcId: data.primaryDcs.main.id, isTest: false, authKey: data.authKey, userId: data.self?.userId ?? 0, isBot: false });
      accounts.push({ index, session, userId: data.self?.userId ?? 0 });
    } catch (error) {
      throw new TdataError(describe(error, `Account ${index + 1} in tdata cannot be read`));
    }
  }
  if (accounts.length === 0) throw new TdataError('The tdata folder holds no signed-in account');
  return accounts;
}

function describe(error: unknown, fallback: string): string {
  const message = error instanceof Error ? error.message : String(error);
  // A wrong local passcode shows up as a failed decryption of the key file.
  if (/md5 mismatch|decrypt|key/i.test(message) && !/not found/i.test(message)) return `${fallback}: wrong local passcode, or a damaged file (${message})`;
  return `${fallback} (${message})`;
}

function memoryFs(files: ImportFile[]): INodeFsLike {
  const byPath = new Map(files.map((f) => [`/tdata/${f.path}`, f.bytes]));
  const modified = Date.now();
  return {
    async readFile(path) {
      const bytes = byPath.get(path);
      if (!bytes) throw new TdataError(`${path.replace('/tdata/', '')} is missing from the tdata folder`);
      return bytes;
    },
    async writeFile() {
      throw new TdataError('tdata is read-only here');
    },
    async mkdir() {
      throw new TdataError('tdata is read-only here');
    },
    // mtcute probes for optional files (key_datas vs key_data0/1) and treats a falsy stat as absent.
    async stat(path) {
      const bytes = byPath.get(path);
      return bytes ? { size: bytes.length, lastModified: modified } : (null as unknown as { size: number; lastModified: number });
    },
  };
}

type TdataCrypto = NonNullable<Parameters<typeof Tdata.open>[0]['crypto']>;

/** The parts of mtcute's crypto provider that reading tdata uses; the rest refuse loudly. */
export function tdataCrypto(): TdataCrypto {
  const unused = (): never => {
    throw new Error('not used for tdata');
  };
  return {
    sha1: (data) => createHash('sha1').update(data).digest(),
    sha256: (data) => createHash('sha256').update(data).digest(),
    pbkdf2: (password, salt, iterations, keylen = 64, algo = 'sha512') => pbkdf2Sync(password, salt, iterations, keylen, algo),
    hmacSha256: unused,
    createAesCtr: unused,
    createAesIge: (key, iv) => {
      const ige = new IGE(Buffer.from(key), Buffer.from(iv));
      return { encrypt: (data) => ige.encryptIge(Buffer.from(data)), decrypt: (data) => ige.decryptIge(Buffer.from(data)) };
    },
    factorizePQ: unused,
    gzip: unused,
    gunzip: unused,
    randomFill: (buf) => void randomFillSync(buf),
    randomBytes: (size) => randomBytes(size),
    createHash: (algorithm) => {
      const hash = createHash(algorithm);
      return { update: (data) => void hash.update(data), digest: () => hash.digest() };
    },
  };
}
