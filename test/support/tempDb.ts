import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../src/main/db/connection';
import { migrate } from '../../src/main/db/migrate';

export function tempDir(prefix = 'voronka-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A migrated database in a fresh temp file (a real file, so WAL behaves as in the app). */
export function migratedDb(): Db {
  const db = openDatabase(join(tempDir(), 'test.db'));
  migrate(db);
  return db;
}
