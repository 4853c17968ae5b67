import Database from 'better-sqlite3';

/**
 * Reads a `.session` file of another Telegram library — a plain SQLite database — from its bytes,
 * without writing it anywhere. Only this read lives here (db/ is the one folder that touches
 * SQLite); telegram/import turns the row into a session.
 *
 * Telethon:  sessions(dc_id, server_address, port, auth_key, takeout_id)
 * Pyrogram:  sessions(dc_id, [api_id,] test_mode, auth_key, date, user_id, is_bot)
 */
export type SessionFileRow =
  | { library: 'telethon'; dcId: number; serverAddress: string; port: number; authKey: Buffer }
  | { library: 'pyrogram'; dcId: number; apiId: number | null; testMode: boolean; authKey: Buffer; userId: number | null; isBot: boolean };

export class SessionFileError extends Error {}

const sqliteMagic = Buffer.from('SQLite format 3\0', 'latin1');

export function isSqliteFile(bytes: Buffer): boolean {
  return bytes.subarray(0, 16).equals(sqliteMagic);
}

export function readSessionFile(bytes: Buffer): SessionFileRow {
  if (!isSqliteFile(bytes)) throw new SessionFileError('Not an SQLite .session file');
  let db: Database.Database;
  try {
    db = new Database(bytes);
  } catch (error) {
    throw new SessionFileError(`The .session file is damaged: ${(error as Error).message}`);
  }
  try {
    const columns = new Set((db.prepare("SELECT name FROM pragma_table_info('sessions')").pluck().all() as string[]).map((c) => c.toLowerCase()));
    if (columns.size === 0) throw new SessionFileError('The .session file has no sessions table');
    if (columns.has('server_address')) {
      const row = db.prepare('SELECT dc_id, server_address, port, auth_key FROM sessions WHERE auth_key IS NOT NULL LIMIT 1').get() as
        | { dc_id: number; server_address: string; port: number; auth_key: Buffer }
        | undefined;
      if (!row) throw new SessionFileError('The .session file holds no signed-in session');
      return { library: 'telethon', dcId: row.dc_id, serverAddress: row.server_address, port: row.port, authKey: checkKey(row.auth_key) };
    }
    if (columns.has('test_mode')) {
      const apiId = columns.has('api_id') ? 'api_id' : 'NULL AS api_id';
      const row = db.prepare(`SELECT dc_id, ${apiId}, test_mode, auth_key, user_id, is_bot FROM sessions WHERE auth_key IS NOT NULL LIMIT 1`).get() as
        | { dc_id: number; api_id: number | null; test_mode: number; auth_key: Buffer; user_id: number | null; is_bot: number | null }
        | undefined;
      if (!row) throw new SessionFileError('The .session file holds no signed-in session');
      return { library: 'pyrogram', dcId: row.dc_id, apiId: row.api_id, testMode: row.test_mode === 1, authKey: checkKey(row.auth_key), userId: row.user_id, isBot: row.is_bot === 1 };
    }
    throw new SessionFileError('An SQLite file, but not a Telethon or Pyrogram session');
  } finally {
    db.close();
  }
}

function checkKey(key: Buffer): Buffer {
  if (!Buffer.isBuffer(key) || key.length !== 256) throw new SessionFileError('The session has no valid auth key (256 bytes expected)');
  return key;
}
