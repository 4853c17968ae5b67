import { join } from 'node:path';
import { createBackupSync, listBackups } from '../db/backups';
import { openDatabase, type Db } from '../db/connection';
import { assertNotDamaged, DatabaseDamagedError, isDamage } from '../db/damage';
import { migrate, schemaVersion } from '../db/migrate';
import { migrations } from '../db/migrations';
import type { Logger } from '../log';
import { acquireInstanceLock, type InstanceLock } from './instanceLock';
import { secureDataFolder, secureFiles } from './permissions';

export const dbFileName = 'voronka.db';
export const keyFileName = 'secret.key';

/**
 * Start-up order for a data folder: owner-only permissions, the one-instance lock (before the db is
 * touched: a second copy must not even open it), the db, a quick integrity check, a backup when
 * migrations are about to change the schema, the migrations.
 */
export function openDataFolder(dataDir: string, options: { log: Logger; nativeBinding?: string }): { db: Db; lock: InstanceLock; dbPath: string } {
  secureDataFolder(dataDir);
  const lock = acquireInstanceLock(dataDir);
  const dbPath = join(dataDir, dbFileName);
  let db: Db | undefined;
  try {
    try {
      db = openDatabase(dbPath, { log: options.log.child('db'), nativeBinding: options.nativeBinding });
    } catch (error) {
      if (isDamage(error)) throw new DatabaseDamagedError(dbPath, error instanceof Error ? error.message : String(error), listBackups(dataDir)[0]?.name);
      throw error;
    }
    assertNotDamaged(db, dbPath, dataDir);
    const from = schemaVersion(db);
    if (from > 0 && from < migrations.length) {
      const backup = createBackupSync(db, dataDir, 'pre-migration');
      options.log.info('backup before migrating', { file: backup.name });
    }
    const { to } = migrate(db);
    if (from !== to) options.log.info('database migrated', { from, to });
    secureFiles(dataDir, [dbFileName, `${dbFileName}-wal`, `${dbFileName}-shm`, keyFileName]);
    return { db, lock, dbPath };
  } catch (error) {
    db?.close();
    lock.release();
    throw error;
  }
}
