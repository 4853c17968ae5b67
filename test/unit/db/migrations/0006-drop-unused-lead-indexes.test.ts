import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../src/main/db/connection';
import { migrate } from '../../../../src/main/db/migrate';
import { migrations } from '../../../../src/main/db/migrations';

describe('migration 0006-drop-unused-lead-indexes', () => {
  it('drops the two superseded indexes and keeps the inbox order index', () => {
    const db = openDatabase(':memory:');
    migrate(db, migrations.slice(0, 5));
    const indexes = () => db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'leads'").pluck().all();
    expect(indexes()).toEqual(expect.arrayContaining(['leads_inbox', 'leads_status', 'leads_inbox_order']));
    migrate(db, migrations.slice(0, 6));
    expect(indexes()).not.toContain('leads_inbox');
    expect(indexes()).not.toContain('leads_status');
    expect(indexes()).toContain('leads_inbox_order');
  });
});
