import type { Db } from './connection';
import { migrations as allMigrations } from './migrations';
import type { Migration } from './migrations/migration';

export class DatabaseTooNewError extends Error {
  constructor(
    readonly dbVersion: number,
    readonly codeVersion: number,
  ) {
    super(
      `The database is at schema version ${dbVersion}, newer than this Voronka supports (${codeVersion}). ` +
        'Update Voronka, or open a different data folder.',
    );
    this.name = 'DatabaseTooNewError';
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the schema up to date: every pending migration in one transaction, so a failure leaves
 * the database exactly as it was. Refuses a database written by a newer Voronka.
 */
export function migrate(
  db: Db,
  migrations: readonly Migration[] = allMigrations,
): { from: number; to: number } {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration ${m.name} has version ${m.version}, expected ${i + 1}`);
  });
  const latest = migrations.length;
  const from = schemaVersion(db);
  if (from > latest) throw new DatabaseTooNewError(from, latest);
  if (from === latest) return { from, to: from };

  db.transaction(() => {
    for (const m of migrations.slice(from)) {
      m.up(db);
      // user_version lives in the db header, which is part of this transaction.
      db.pragma(`user_version = ${m.version}`);
    }
  })();
  return { from, to: latest };
}
