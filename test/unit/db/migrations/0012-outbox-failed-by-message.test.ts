import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../src/main/db/connection';
import { migrate } from '../../../../src/main/db/migrate';
import { migrations } from '../../../../src/main/db/migrations';

const plan = (db: ReturnType<typeof openDatabase>, sql: string): string =>
  db
    .prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .all()
    .map((r) => (r as { detail: string }).detail)
    .join(' | ');

describe('migration 0012-outbox-failed-by-message', () => {
  it('finds a failed message by its chat message id through an index, not a scan of the outbox', () => {
    const db = openDatabase(':memory:');
    migrate(db, migrations.slice(0, 11));
    const retrySelect = "SELECT id, account_id FROM outbox WHERE message_id = 1 AND status = 'failed'";
    const dropUpdate = "UPDATE outbox SET status = 'cancelled' WHERE message_id = 1 AND status = 'failed'";
    const chatError = "SELECT (SELECT o.last_error FROM outbox o WHERE o.message_id = m.id AND o.status = 'failed') FROM messages m WHERE m.lead_id = 1";
    expect(plan(db, retrySelect)).toContain('SCAN outbox');
    migrate(db, migrations.slice(0, 12));
    expect(plan(db, retrySelect)).toContain('USING INDEX outbox_failed_by_message');
    expect(plan(db, dropUpdate)).toContain('USING INDEX outbox_failed_by_message');
    expect(plan(db, chatError)).toContain('USING INDEX outbox_failed_by_message');
    expect(plan(db, chatError)).not.toMatch(/SCAN o\b/);
  });
  // What the chat, retry and drop do with failed messages since the outbox moved onto messages: 0014's test.
});
