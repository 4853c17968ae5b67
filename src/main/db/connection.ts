import Database from 'better-sqlite3';
import type { Logger } from '../log';

export type Db = Database.Database;

export interface OpenDatabaseOptions {
  /**
   * Path to a better-sqlite3 addon built for the current runtime. Electron passes its own build
   * (see scripts/build-electron-native.mjs); Node (tests, headless) uses the package's default.
   */
  nativeBinding?: string;
  log?: Logger;
  /** Statements slower than this are logged (ms). */
  slowQueryMs?: number;
}

/** Opens (creating if needed) a SQLite database with the pragmas every Voronka db runs with. */
export function openDatabase(path: string, options: OpenDatabaseOptions = {}): Db {
  const { log, slowQueryMs = 50 } = options;
  const db = new Database(path, {
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  // WAL lets the UI read while the engine writes; NORMAL sync is durable across app crashes
  // (only an OS crash can lose the last commits), which is the usual trade-off for WAL.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // 64 MB of page cache instead of SQLite's 2 MB default: with a real history (a million messages)
  // the 2 MB cache holds only a sliver of the lead and message indexes every turn and every inbox
  // page reads, so most page reads became read() system calls. A cap, not an allocation.
  db.pragma('cache_size = -65536');
  if (log) traceSlowStatements(db, log, slowQueryMs);
  return db;
}

function traceSlowStatements(db: Db, log: Logger, thresholdMs: number): void {
  const prepare = db.prepare.bind(db);
  // Wrapping prepare keeps the measurement in one place instead of in every repository.
  db.prepare = ((source: string) => {
    const statement = prepare(source);
    for (const method of ['run', 'get', 'all'] as const) {
      const original = statement[method].bind(statement) as (...args: unknown[]) => unknown;
      (statement as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
        const started = performance.now();
        try {
          return original(...args);
        } finally {
          const ms = performance.now() - started;
          if (ms > thresholdMs) log.warn('slow query', { ms: Math.round(ms), sql: source.slice(0, 200) });
        }
      };
    }
    return statement;
  }) as Db['prepare'];
}
