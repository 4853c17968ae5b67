import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../src/main/db/connection';
import { migrate, schemaVersion } from '../../../../src/main/db/migrate';
import { initial } from '../../../../src/main/db/migrations/0001-initial';
import { engineRuntime } from '../../../../src/main/db/migrations/0002-engine-runtime';
import { telegramSchema } from '../../../../src/main/db/migrations/0003-telegram';

describe('migration 0003-telegram', () => {
  it('adds the sender’s indexes to a version-2 database and the rate-cap query uses them', () => {
    const db = openDatabase(':memory:');
    migrate(db, [initial, engineRuntime]);
    expect(migrate(db, [initial, engineRuntime, telegramSchema])).toEqual({ from: 2, to: 3 });
    expect(schemaVersion(db)).toBe(3);
    const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").pluck().all();
    expect(indexes).toEqual(expect.arrayContaining(['outbox_sent_by_account', 'messages_in_by_lead']));
    const plan = db
      .prepare("EXPLAIN QUERY PLAN SELECT sent_at FROM outbox WHERE account_id = 1 AND status = 'sent' AND sent_at > 0 ORDER BY sent_at")
      .all()
      .map((r) => (r as { detail: string }).detail)
      .join(' ');
    expect(plan).toContain('outbox_sent_by_account');
  });
});
