import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../src/main/db/connection';
import { migrate, schemaVersion } from '../../../../src/main/db/migrate';
import { initial } from '../../../../src/main/db/migrations/0001-initial';
import { engineRuntime } from '../../../../src/main/db/migrations/0002-engine-runtime';

describe('migration 0002-engine-runtime', () => {
  it('upgrades a version-1 database with data in it, marking existing incoming messages handled', () => {
    const db = openDatabase(':memory:');
    migrate(db, [initial]);
    db.prepare('INSERT INTO accounts (id, created_at, updated_at) VALUES (1, 0, 0)').run();
    db.prepare("INSERT INTO leads (id, account_id, peer_id, created_at, updated_at) VALUES (1, 1, '5', 0, 0)").run();
    db.prepare("INSERT INTO messages (lead_id, direction, sender, text, status, ts) VALUES (1, 'in', 'lead', 'old', 'received', 77)").run();

    expect(migrate(db, [initial, engineRuntime])).toEqual({ from: 1, to: 2 });
    expect(schemaVersion(db)).toBe(2);
    expect(db.prepare('SELECT handled_at FROM messages').pluck().get()).toBe(77);
    expect(db.prepare('SELECT memo FROM leads').pluck().get()).toBe('{}');
  });

  it('keeps lead events per lead and deletes them with the lead', () => {
    const db = openDatabase(':memory:');
    migrate(db, [initial, engineRuntime]);
    db.prepare('INSERT INTO accounts (id, created_at, updated_at) VALUES (1, 0, 0)').run();
    db.prepare("INSERT INTO leads (id, account_id, peer_id, created_at, updated_at) VALUES (1, 1, '5', 0, 0)").run();
    db.prepare("INSERT INTO lead_events (lead_id, name, amount, source, ts) VALUES (1, 'sale', 50, 'postback', 0)").run();
    expect(() =>
      db.prepare("INSERT INTO lead_events (lead_id, name, source, ts) VALUES (1, 'sale', 'nowhere', 0)").run(),
    ).toThrow(/CHECK/);
    db.prepare('DELETE FROM leads').run();
    expect(db.prepare('SELECT count(*) FROM lead_events').pluck().get()).toBe(0);
  });
});
