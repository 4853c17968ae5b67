import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AppInfo } from '../shared/appInfo';
import type { Language } from '../shared/settings';
import { openDatabase, type Db } from './db/connection';
import { migrate, schemaVersion } from './db/migrate';
import { createLogger, type Logger } from './log';
import { createEventBus, type EventBus } from './rpc/eventBus';
import { settingsHandlers } from './rpc/handlers/settingsHandlers';
import { createRpcRouter, type RpcRouter } from './rpc/router';

export interface AppOptions {
  dataDir: string;
  host: AppInfo['host'];
  version: string;
  /** Language used until the user picks one (from the OS locale). */
  defaultLanguage: Language;
  /** better-sqlite3 addon for this runtime when it is not Node's (Electron). */
  nativeBinding?: string;
  log?: Logger;
  now?: () => number;
}

/** The running app: what both hosts (Electron, headless) wire to their transport. */
export interface VoronkaApp {
  readonly rpc: RpcRouter;
  readonly events: EventBus;
  readonly db: Db;
  readonly log: Logger;
  readonly info: AppInfo;
  close(): void;
}

export const dbFileName = 'voronka.db';

/** Composition root: opens the data folder and its db, builds the services, wires the RPC handlers. */
export function createApp(options: AppOptions): VoronkaApp {
  const log = options.log ?? createLogger('app');
  const now = options.now ?? Date.now;
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const dbPath = join(options.dataDir, dbFileName);
  const db = openDatabase(dbPath, { log: log.child('db'), nativeBinding: options.nativeBinding });
  try {
    const { from, to } = migrate(db);
    if (from !== to) log.info('database migrated', { from, to });
  } catch (error) {
    db.close();
    throw error;
  }

  const events = createEventBus();
  const info: AppInfo = {
    name: 'Voronka',
    version: options.version,
    host: options.host,
    dataDir: options.dataDir,
    dbPath,
    schemaVersion: schemaVersion(db),
  };
  const rpc = createRpcRouter(
    {
      'app.info': () => info,
      ...settingsHandlers(db, events, { language: options.defaultLanguage }, now),
    },
    log.child('rpc'),
  );

  let closed = false;
  return {
    rpc,
    events,
    db,
    log,
    info,
    close() {
      if (closed) return;
      closed = true;
      // Checkpoint so the data folder is a single self-contained file after a clean exit.
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
      log.info('closed');
    },
  };
}
