import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../src/main/db/connection';
import { migrate, schemaVersion } from '../../../../src/main/db/migrate';
import { initial } from '../../../../src/main/db/migrations/0001-initial';

const tables = [
  'settings', 'scripts', 'accounts', 'leads', 'lead_tags', 'messages', 'outbox', 'jobs', 'events',
  'ab_assignments', 'postbacks',
];

function freshDb() {
  const db = openDatabase(':memory:');
  migrate(db, [initial]);
  return db;
}

describe('migration 0001-initial', () => {
  it('creates every table of the design on a fresh database and sets user_version 1', () => {
    const db = freshDb();
    const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(names).toEqual(expect.arrayContaining(tables));
    expect(schemaVersion(db)).toBe(1);
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });

  it('cascades a deleted account to its leads, messages, outbox rows and jobs', () => {
    const db = freshDb();
    db.prepare("INSERT INTO accounts (id, created_at, updated_at) VALUES (1, 0, 0)").run();
    db.prepare("INSERT INTO leads (id, account_id, peer_id, created_at, updated_at) VALUES (1, 1, '777', 0, 0)").run();
    db.prepare("INSERT INTO messages (lead_id, direction, sender, text, status, ts) VALUES (1, 'in', 'lead', 'hi', 'received', 0)").run();
    db.prepare("INSERT INTO outbox (lead_id, account_id, random_id, payload, not_before, created_at) VALUES (1, 1, '123', '{}', 0, 0)").run();
    db.prepare("INSERT INTO jobs (lead_id, kind, due_at, created_at) VALUES (1, 'wait', 0, 0)").run();
    db.prepare("INSERT INTO lead_tags (lead_id, tag) VALUES (1, 'vip')").run();
    db.prepare('DELETE FROM accounts WHERE id = 1').run();
    for (const table of ['leads', 'messages', 'outbox', 'jobs', 'lead_tags']) {
      expect(db.prepare(`SELECT count(*) FROM ${table}`).pluck().get(), table).toBe(0);
    }
  });

  it('stores an incoming Telegram message once, however many times it is delivered', () => {
    const db = freshDb();
    db.prepare("INSERT INTO accounts (id, created_at, updated_at) VALUES (1, 0, 0)").run();
    db.prepare("INSERT INTO leads (id, account_id, peer_id, created_at, updated_at) VALUES (1, 1, '777', 0, 0)").run();
    const insert = db.prepare(
      "INSERT INTO messages (lead_id, direction, sender, telegram_id, text, status, ts) VALUES (1, 'in', 'lead', 42, 'hi', 'received', 0)",
    );
    insert.run();
    expect(() => insert.run()).toThrow(/UNIQUE/);
  });

  it('rejects values outside the allowed statuses', () => {
    const db = freshDb();
    db.prepare("INSERT INTO accounts (id, created_at, updated_at) VALUES (1, 0, 0)").run();
    expect(() =>
      db.prepare("INSERT INTO leads (account_id, peer_id, status, created_at, updated_at) VALUES (1, '1', 'bogus', 0, 0)").run(),
    ).toThrow(/CHECK/);
  });

  it('keeps random ids unique in the outbox', () => {
    const db = freshDb();
    db.prepare("INSERT INTO accounts (id, created_at, updated_at) VALUES (1, 0, 0)").run();
    db.prepare("INSERT INTO leads (id, account_id, peer_id, created_at, updated_at) VALUES (1, 1, '777', 0, 0)").run();
    const insert = db.prepare(
      "INSERT INTO outbox (lead_id, account_id, random_id, payload, not_before, created_at) VALUES (1, 1, '-9007199254740993', '{}', 0, 0)",
    );
    insert.run();
    expect(() => insert.run()).toThrow(/UNIQUE/);
  });
});
