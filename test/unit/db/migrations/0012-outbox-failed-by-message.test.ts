import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../src/main/db/connection';
import { migrate } from '../../../../src/main/db/migrate';
import { migrations } from '../../../../src/main/db/migrations';
import { conversationPage } from '../../../../src/main/db/repositories/messagesRepo';
import { dropFailedOutbox, retryFailedOutbox } from '../../../../src/main/db/repositories/outboxRepo';

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

  it('the chat still shows why a message failed; retry and drop still find it', () => {
    const db = openDatabase(':memory:');
    migrate(db);
    db.exec(`
      INSERT INTO accounts (id, kind, status, created_at, updated_at) VALUES (1, 'telegram', 'online', 0, 0);
      INSERT INTO leads (id, account_id, peer_id, created_at, updated_at) VALUES (1, 1, '100', 0, 0);
      INSERT INTO messages (id, lead_id, direction, sender, text, status, ts) VALUES (10, 1, 'out', 'bot', 'a', 'failed', 1), (11, 1, 'out', 'bot', 'b', 'failed', 2);
      INSERT INTO outbox (lead_id, account_id, message_id, random_id, payload, not_before, status, last_error, created_at) VALUES
        (1, 1, 10, '1', '{"text":"a"}', 0, 'failed', 'USER_BANNED_IN_CHANNEL', 0),
        (1, 1, 11, '2', '{"text":"b"}', 0, 'failed', 'MEDIA_EMPTY', 0);
    `);
    expect(conversationPage(db, 1, null, 10).map((m) => [m.id, m.status, m.error])).toEqual([
      [10, 'failed', 'USER_BANNED_IN_CHANNEL'],
      [11, 'failed', 'MEDIA_EMPTY'],
    ]);
    expect(retryFailedOutbox(db, 10, 5)).toBe(1);
    expect(dropFailedOutbox(db, 11)).toBe(true);
    expect(conversationPage(db, 1, null, 10).map((m) => [m.id, m.status, m.error])).toEqual([
      [10, 'queued', null],
      [11, 'cancelled', null],
    ]);
  });
});
