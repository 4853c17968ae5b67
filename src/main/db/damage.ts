import { listBackups } from './backups';
import type { Db } from './connection';

/** The database file is damaged; the message says what to do and which backups exist. */
export class DatabaseDamagedError extends Error {
  readonly code = 'database_damaged';
  constructor(
    readonly dbPath: string,
    readonly detail: string,
    readonly latestBackup: string | undefined,
  ) {
    super(
      `The database ${dbPath} is damaged (${detail}). ` +
        (latestBackup
          ? `Restore the latest backup (${latestBackup}): in the desktop app choose "Restore backup" in this message; headless: npm run headless -- --restore-backup latest. `
          : 'There is no backup to restore in this data folder. ') +
        '(A restore keeps the damaged file beside it as voronka.db.before-restore.)',
    );
  }
}

const damageCodes = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_CORRUPT_VTAB', 'SQLITE_CORRUPT_SEQUENCE', 'SQLITE_CORRUPT_INDEX']);

export function isDamage(error: unknown): boolean {
  return typeof error === 'object' && error !== null && damageCodes.has(String((error as { code?: unknown }).code));
}

/** `PRAGMA quick_check` at start: a damaged file is caught before anything writes to it. */
export function assertNotDamaged(db: Db, dbPath: string, dataDir: string): void {
  let result: string;
  try {
    const rows = db.pragma('quick_check(5)') as { quick_check: string }[];
    result = rows.map((r) => r.quick_check).join('; ');
  } catch (error) {
    if (!isDamage(error)) throw error;
    result = error instanceof Error ? error.message : String(error);
  }
  if (result !== 'ok') throw new DatabaseDamagedError(dbPath, result, listBackups(dataDir)[0]?.name);
}
