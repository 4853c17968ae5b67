import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/db/connection';
import { DatabaseTooNewError, migrate, schemaVersion } from '../../../src/main/db/migrate';
import { migrations } from '../../../src/main/db/migrations';
import type { Migration } from '../../../src/main/db/migrations/migration';
import { tempDir } from '../../support/tempDb';

const step = (version: number, sql: string): Migration => ({ version, name: `m${version}`, up: (db) => db.exec(sql) });

describe('migrate', () => {
  it('applies every shipped migration to a fresh database and is idempotent', () => {
    const db = openDatabase(':memory:');
    expect(migrate(db)).toEqual({ from: 0, to: migrations.length });
    expect(migrate(db)).toEqual({ from: migrations.length, to: migrations.length });
    expect(schemaVersion(db)).toBe(migrations.length);
  });

  it('runs all pending migrations in one transaction: a failure leaves the database untouched', () => {
    const db = openDatabase(':memory:');
    migrate(db, [step(1, 'CREATE TABLE a (x)')]);
    expect(() =>
      migrate(db, [step(1, 'CREATE TABLE a (x)'), step(2, 'CREATE TABLE b (x)'), step(3, 'THIS IS NOT SQL')]),
    ).toThrow();
    expect(schemaVersion(db)).toBe(1);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'b'").pluck().get()).toBe(0);
  });

  it('refuses a database written by a newer Voronka, naming both versions', () => {
    const db = openDatabase(':memory:');
    db.pragma('user_version = 99');
    expect(() => migrate(db)).toThrow(DatabaseTooNewError);
    expect(() => migrate(db)).toThrow(new RegExp(`version 99.*\\(${migrations.length}\\)`));
  });

  it('rejects a migration list with a gap', () => {
    const db = openDatabase(':memory:');
    expect(() => migrate(db, [step(1, 'SELECT 1'), step(3, 'SELECT 1')])).toThrow(/expected 2/);
  });

  it('opens files in WAL mode with foreign keys and a busy timeout', () => {
    const db = openDatabase(join(tempDir(), 'wal.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
  });
});
