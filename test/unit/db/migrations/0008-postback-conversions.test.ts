import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../src/main/db/connection';
import { migrate } from '../../../../src/main/db/migrate';
import { migrations } from '../../../../src/main/db/migrations';

describe('migration 0008-postback-conversions', () => {
  it('moves accepted postbacks into the conversion ledger, keeps every log row and allows "ignored"', () => {
    const db = openDatabase(':memory:');
    migrate(db, migrations.slice(0, 7));
    const insert = db.prepare(
      "INSERT INTO postbacks (received_at, preset, method, raw, click_id, event, transaction_id, dedupe_key, outcome) VALUES (1, 'keitaro', 'GET', '{}', ?, ?, ?, ?, ?)",
    );
    insert.run('C1', 'registration', null, '["C1","registration",""]', 'applied');
    insert.run('C1', 'sale', 'T1', '["C1","sale","T1"]', 'applied');
    insert.run('C1', 'sale', 'T1', null, 'duplicate');
    insert.run(null, null, null, null, 'rejected');
    migrate(db, migrations.slice(0, 8));
    expect(db.prepare('SELECT dedupe_key, kind, event FROM postback_conversions ORDER BY id').all()).toEqual([
      { dedupe_key: '["C1","registration",""]', kind: 'registration', event: 'registration' },
      { dedupe_key: '["C1","deposit","T1"]', kind: 'deposit', event: 'sale' },
    ]);
    expect(db.prepare('SELECT outcome FROM postbacks ORDER BY id').pluck().all()).toEqual(['applied', 'applied', 'duplicate', 'rejected']);
    db.prepare("INSERT INTO postbacks (received_at, method, raw, outcome) VALUES (2, 'GET', '{}', 'ignored')").run();
    expect(() => db.prepare("INSERT INTO postbacks (received_at, method, raw, outcome) VALUES (2, 'GET', '{}', 'bogus')").run()).toThrow(/CHECK/);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'postbacks' ORDER BY name").pluck().all()).toEqual([
      'postbacks_by_lead',
      'postbacks_by_outcome',
      'postbacks_by_time',
      'postbacks_pending',
    ]);
  });
});
