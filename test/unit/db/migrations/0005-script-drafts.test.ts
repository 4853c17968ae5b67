import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../src/main/db/connection';
import { migrate } from '../../../../src/main/db/migrate';
import { migrations } from '../../../../src/main/db/migrations';

describe('migration 0005-script-drafts', () => {
  it('adds a nullable draft to existing scripts', () => {
    const db = openDatabase(':memory:');
    migrate(db, migrations.slice(0, 4));
    db.prepare("INSERT INTO scripts (name, body, format_version, created_at, updated_at) VALUES ('s', '{}', 1, 0, 0)").run();
    migrate(db, migrations.slice(0, 5));
    expect(db.prepare('SELECT draft, draft_saved_at FROM scripts').get()).toEqual({ draft: null, draft_saved_at: null });
  });
});
