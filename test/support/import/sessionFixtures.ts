import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import Database from 'better-sqlite3';
import { convertFromGramjsSession, convertToGramjsSession, convertToPyrogramSession, convertToTdata, convertToTelethonSession } from '@mtcute/convert';
import type { FakeTelegramServer } from '../../../src/main/sandbox/fakeTelegram/server';
import { tdataCrypto } from '../../../src/main/telegram/import/tdataReader';
import { tempDir } from '../tempDb';

/**
 * Import fixtures for every format, generated from sessions the fake Telegram server issued —
 * nothing downloaded. Strings and tdata are written by @mtcute/convert's own writers; the SQLite
 * `.session` files follow Telethon's and Pyrogram's documented schemas (both libraries create them
 * with exactly these statements).
 */

export interface IssuedSession {
  dcId: number;
  authKey: Buffer;
  keyId: string;
  userId: number;
  /** The same session as a gramjs/teleproto string (what Voronka stores). */
  gramjs: string;
}

export async function issue(server: FakeTelegramServer, phone: string, options: { pendingPassword?: boolean } = {}): Promise<IssuedSession> {
  const issued = await server.issueSession(phone, options);
  return fromParts({ ...issued, userId: server.world.account(phone).userId });
}

/** An issued session from its parts (e.g. what the sandbox's `sandbox.issueSession` answers). */
export function fromParts(issued: { dcId: number; authKey: Buffer; keyId?: string; userId: number }): IssuedSession {
  const { userId } = issued;
  const gramjs = convertToGramjsSession({
    version: 3,
    primaryDcs: { main: { id: issued.dcId, ipAddress: '127.0.0.1', port: 443 }, media: { id: issued.dcId, ipAddress: '127.0.0.1', port: 443 } },
    authKey: issued.authKey,
    self: { userId, isBot: false, isPremium: false, usernames: [] },
  });
  return { ...issued, keyId: issued.keyId ?? '', userId, gramjs };
}

/** A session whose key the server never issued (the server answers transport error -404). */
export function unknownSession(dcId: number): string {
  return convertToGramjsSession({
    version: 3,
    primaryDcs: { main: { id: dcId, ipAddress: '127.0.0.1', port: 443 }, media: { id: dcId, ipAddress: '127.0.0.1', port: 443 } },
    authKey: Buffer.alloc(256, 0x5a),
  });
}

export const telethonString = (s: IssuedSession): string => convertToTelethonSession(convertFromGramjsSession(s.gramjs));
export const pyrogramString = (s: IssuedSession, apiId = 12345): string => convertToPyrogramSession({ ...convertFromGramjsSession(s.gramjs), self: { userId: s.userId, isBot: false, isPremium: false, usernames: [] } }, { apiId });

/** Telethon's SQLite session (schema version 7, as telethon/sessions/sqlite.py creates it). */
export function telethonSessionFile(s: IssuedSession): Buffer {
  const db = new Database(':memory:');
  db.exec(`
    create table version (version integer primary key);
    insert into version values (7);
    create table sessions (dc_id integer primary key, server_address text, port integer, auth_key blob, takeout_id integer);
    create table entities (id integer primary key, hash integer not null, username text, phone integer, name text, date integer);
    create table sent_files (md5_digest blob, file_size integer, type integer, id integer, hash integer, primary key(md5_digest, file_size, type));
    create table update_state (id integer primary key, pts integer, qts integer, date integer, seq integer);
  `);
  db.prepare('insert into sessions values (?, ?, ?, ?, null)').run(s.dcId, '149.154.167.51', 443, s.authKey);
  const bytes = db.serialize();
  db.close();
  return bytes;
}

/** Pyrogram's SQLite session (schema version 3, as pyrogram/storage/sqlite_storage.py creates it). */
export function pyrogramSessionFile(s: IssuedSession, apiId = 12345): Buffer {
  const db = new Database(':memory:');
  db.exec(`
    CREATE TABLE sessions (dc_id INTEGER PRIMARY KEY, api_id INTEGER, test_mode INTEGER, auth_key BLOB, date INTEGER NOT NULL, user_id INTEGER, is_bot INTEGER);
    CREATE TABLE peers (id INTEGER PRIMARY KEY, access_hash INTEGER, type INTEGER NOT NULL, username TEXT, phone_number TEXT, last_update_on INTEGER NOT NULL DEFAULT (CAST(STRFTIME('%s', 'now') AS INTEGER)));
    CREATE TABLE version (number INTEGER PRIMARY KEY);
    INSERT INTO version VALUES (3);
  `);
  db.prepare('INSERT INTO sessions VALUES (?, ?, 0, ?, 0, ?, 0)').run(s.dcId, apiId, s.authKey, s.userId);
  const bytes = db.serialize();
  db.close();
  return bytes;
}

/** The `.json` shops ship next to a Telethon `.session`. */
export function sessionJson(fields: Record<string, unknown>): Buffer {
  return Buffer.from(JSON.stringify(fields, null, 2));
}

/** A Telegram Desktop tdata folder holding these sessions (account 1, 2, …), written by mtcute; files relative to the folder. */
export async function tdataFolder(sessions: IssuedSession[], passcode?: string): Promise<{ path: string; bytes: Buffer }[]> {
  const dir = join(tempDir('voronka-tdata-'), 'tdata');
  await mkdir(dir, { recursive: true });
  const fs = {
    readFile: (p: string) => readFile(p),
    writeFile: (p: string, d: Uint8Array) => writeFile(p, d),
    mkdir: async (p: string, o?: { recursive?: boolean }) => void (await mkdir(p, o)),
    stat: async () => null as unknown as { size: number; lastModified: number },
  };
  const data = sessions.map((s) => ({ ...convertFromGramjsSession(s.gramjs), self: { userId: s.userId, isBot: false, isPremium: false, usernames: [] } }));
  await convertToTdata(data, { path: dir, fs, crypto: tdataCrypto(), ...(passcode ? { passcode } : {}) });
  return listFiles(dir);
}

async function listFiles(root: string, dir = root): Promise<{ path: string; bytes: Buffer }[]> {
  const out: { path: string; bytes: Buffer }[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(root, full)));
    else out.push({ path: relative(root, full).replace(/\\/g, '/'), bytes: await readFile(full) });
  }
  return out;
}

export const asInput = (files: { path: string; bytes: Buffer }[], prefix = ''): { path: string; dataBase64: string }[] =>
  files.map((f) => ({ path: prefix + f.path, dataBase64: f.bytes.toString('base64') }));
