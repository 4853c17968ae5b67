import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../src/main/db/connection';
import { migrate } from '../../../../src/main/db/migrate';
import { migrations } from '../../../../src/main/db/migrations';

describe('migration 0010-messages-fts', () => {
  it('indexes the messages already stored, then keeps the index in step with new ones', () => {
    const db = openDatabase(':memory:');
    migrate(db, migrations.slice(0, 9));
    db.prepare("INSERT INTO accounts (kind, status, created_at, updated_at) VALUES ('telegram', 'online', 0, 0)").run();
    db.prepare("INSERT INTO leads (account_id, peer_id, created_at, updated_at) VALUES (1, 'p1', 0, 0)").run();
    const insert = db.prepare("INSERT INTO messages (lead_id, direction, sender, text, status, ts) VALUES (1, 'in', 'lead', ?, 'received', 0)");
    insert.run('Старое сообщение до миграции');
    migrate(db, migrations.slice(0, 10));
    const match = (q: string) => db.prepare('SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?').pluck().all(q);
    expect(match('"стар"*')).toEqual([1]);
    insert.run('Новое сообщение');
    expect(match('"сообщ"*')).toEqual([1, 2]);
    expect(db.prepare("INSERT INTO messages_fts (messages_fts, rank) VALUES ('integrity-check', 0)").run().changes).toBeGreaterThanOrEqual(0);
  });
});
