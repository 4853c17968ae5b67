import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../src/main/db/connection';
import { migrate } from '../../../../src/main/db/migrate';
import { migrations } from '../../../../src/main/db/migrations';

describe('migration 0004-tracker', () => {
  it('upgrades a version-3 database with leads in it; click id lookups use the index', () => {
    const db = openDatabase(':memory:');
    migrate(db, migrations.slice(0, 3));
    db.prepare('INSERT INTO accounts (id, created_at, updated_at) VALUES (1, 0, 0)').run();
    db.prepare(`INSERT INTO leads (id, account_id, peer_id, tracker, created_at, updated_at) VALUES (1, 1, '5', '{"clickid":"C1"}', 0, 0)`).run();
    expect(migrate(db, migrations.slice(0, 4))).toEqual({ from: 3, to: 4 });
    expect(db.prepare("SELECT id FROM leads WHERE json_extract(tracker, '$.clickid') = ?").pluck().get('C1')).toBe(1);
    const plan = db.prepare("EXPLAIN QUERY PLAN SELECT id FROM leads WHERE json_extract(tracker, '$.clickid') = ?").all('C1') as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('leads_by_clickid');
  });

  it('sums deposits per lead in lead_deposit_totals and keeps one settings row', () => {
    const db = openDatabase(':memory:');
    migrate(db, migrations.slice(0, 4));
    db.prepare('INSERT INTO accounts (id, created_at, updated_at) VALUES (1, 0, 0)').run();
    db.prepare("INSERT INTO leads (id, account_id, peer_id, created_at, updated_at) VALUES (1, 1, '5', 0, 0)").run();
    const add = db.prepare("INSERT INTO lead_events (lead_id, name, amount, source, ts) VALUES (1, ?, ?, 'postback', 0)");
    add.run('registration', null);
    add.run('sale', 100);
    add.run('resale', 25);
    expect(db.prepare('SELECT first_amount, total, deposits FROM lead_deposit_totals WHERE lead_id = 1').get()).toEqual({ first_amount: 100, total: 125, deposits: 2 });
    expect(() => db.prepare("INSERT INTO tracker_settings (id, updated_at) VALUES (2, 0)").run()).toThrow(/CHECK/);
  });
});
