import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../src/main/db/connection';
import { migrate } from '../../../../src/main/db/migrate';
import { migrations } from '../../../../src/main/db/migrations';
import { latestIncomingTelegramId } from '../../../../src/main/db/repositories/telegramStateRepo';

describe('migration 0011-drop-duplicate-incoming-index', () => {
  it('drops messages_in_by_lead; the read-mark query still finds the newest incoming Telegram id through an index', () => {
    const db = openDatabase(':memory:');
    migrate(db, migrations.slice(0, 10));
    const indexes = () => db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'messages'").pluck().all();
    expect(indexes()).toContain('messages_in_by_lead');
    db.exec(`
      INSERT INTO accounts (id, kind, status, created_at, updated_at) VALUES (1, 'telegram', 'online', 0, 0);
      INSERT INTO leads (id, account_id, peer_id, created_at, updated_at) VALUES (1, 1, '100', 0, 0), (2, 1, '200', 0, 0);
      INSERT INTO messages (lead_id, direction, sender, telegram_id, text, status, ts) VALUES
        (1, 'in', 'lead', 7, 'a', 'received', 1), (1, 'in', 'lead', 9, 'b', 'received', 2), (1, 'in', 'lead', NULL, 'sandbox', 'received', 3),
        (1, 'out', 'bot', 50, 'reply', 'sent', 4), (2, 'in', 'lead', 3, 'c', 'received', 5);
    `);
    migrate(db, migrations.slice(0, 11));
    expect(indexes()).not.toContain('messages_in_by_lead');
    expect(indexes()).toContain('messages_incoming_once');
    // The answer is the same (an outgoing id or a NULL never counts), and it comes from the index.
    expect(latestIncomingTelegramId(db, 1)).toBe(9);
    expect(latestIncomingTelegramId(db, 2)).toBe(3);
    expect(latestIncomingTelegramId(db, 3)).toBeUndefined();
    const plan = db
      .prepare("EXPLAIN QUERY PLAN SELECT MAX(telegram_id) FROM messages WHERE lead_id = 1 AND direction = 'in' AND telegram_id IS NOT NULL")
      .all()
      .map((r) => (r as { detail: string }).detail)
      .join(' ');
    expect(plan).toContain('messages_incoming_once');
  });
});
