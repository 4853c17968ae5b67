import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../src/main/db/connection';
import { migrate } from '../../../../src/main/db/migrate';
import { migrations } from '../../../../src/main/db/migrations';

describe('migration 0007-account-imported-device', () => {
  it('adds a nullable imported_device column and keeps existing accounts', () => {
    const db = openDatabase(':memory:');
    migrate(db, migrations.slice(0, 6));
    db.prepare("INSERT INTO accounts (kind, status, created_at, updated_at) VALUES ('telegram', 'online', 1, 1)").run();
    migrate(db, migrations.slice(0, 7));
    expect(db.prepare('SELECT status, imported_device FROM accounts').get()).toEqual({ status: 'online', imported_device: null });
    db.prepare("UPDATE accounts SET imported_device = '{\"deviceModel\":\"Desktop\"}'").run();
    expect(db.prepare('SELECT imported_device FROM accounts').pluck().get()).toBe('{"deviceModel":"Desktop"}');
  });
});
