import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../../src/main/db/connection';
import { migrate, schemaVersion } from '../../../../src/main/db/migrate';
import { migrations } from '../../../../src/main/db/migrations';
import { conversationPage } from '../../../../src/main/db/repositories/messagesRepo';
import { dropFailedOutbox, enqueueOutgoing, retryFailedOutbox } from '../../../../src/main/db/repositories/outboxRepo';
import { dueChatHeads, nextChatHeadDueAt, sentTimesSince } from '../../../../src/main/db/repositories/telegramStateRepo';

const plan = (db: Db, sql: string): string =>
  db
    .prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .all()
    .map((r) => (r as { detail: string }).detail)
    .join(' | ');

/** A database as the release before 0014 left it: two leads, one account. */
function dbAt13(): Db {
  const db = openDatabase(':memory:');
  migrate(db, migrations.slice(0, 13));
  db.exec(`
    INSERT INTO accounts (id, kind, status, created_at, updated_at) VALUES (1, 'telegram', 'online', 0, 0);
    INSERT INTO leads (id, account_id, peer_id, created_at, updated_at) VALUES (1, 1, '100', 0, 0), (2, 1, '200', 0, 0);
  `);
  return db;
}

interface Row {
  id: number;
  lead_id: number;
  direction: string;
  sender: string;
  text: string;
  media: string | null;
  status: string;
  telegram_id: number | null;
  account_id: number | null;
  random_id: string | null;
  not_before: number | null;
  attempts: number;
  last_error: string | null;
  parts_sent: number;
  sent_at: number | null;
  ts: number;
}
const byRandomId = (db: Db): Map<string, Row> =>
  new Map((db.prepare('SELECT * FROM messages WHERE random_id IS NOT NULL').all() as Row[]).map((r) => [r.random_id as string, r]));

describe('migration 0014-outbox-into-messages', () => {
  it('moves every outbox row onto its message: nothing lost, nothing doubled, random_ids kept', () => {
    const db = dbAt13();
    db.exec(`
      INSERT INTO messages (id, lead_id, direction, sender, telegram_id, text, media, status, ts) VALUES
        (1, 1, 'in', 'lead', 900, 'hi', NULL, 'received', 10),
        (2, 1, 'out', 'bot', NULL, 'pending, half sent', NULL, 'queued', 20),
        (3, 1, 'out', 'bot', NULL, 'in flight', '{"kind":"photo","path":"media/a.jpg"}', 'queued', 30),
        (4, 2, 'out', 'bot', 55, 'sent', NULL, 'sent', 300),
        (5, 2, 'out', 'operator', 56, 'sent and read', NULL, 'read', 310),
        (6, 2, 'out', 'bot', NULL, 'refused', NULL, 'failed', 40),
        (7, 2, 'out', 'bot', NULL, 'stopped', NULL, 'cancelled', 50),
        (8, 2, 'out', 'bot', NULL, 'queued, never in the outbox', NULL, 'queued', 60),
        (9, 2, 'out', 'operator', 70, 'written on the phone', NULL, 'sent', 70);
      INSERT INTO outbox (id, lead_id, account_id, message_id, random_id, payload, not_before, attempts, status, last_error, sent_telegram_id, created_at, sent_at, parts_sent) VALUES
        (1, 1, 1, 2, '-9007199254740993', '{"text":"pending, half sent","media":null}', 500, 2, 'pending', 'FLOOD_WAIT_5', NULL, 1, NULL, 1),
        (2, 1, 1, 3, '102', '{"text":"in flight","media":{"kind":"photo","path":"media/a.jpg"}}', 30, 0, 'sending', NULL, NULL, 2, NULL, 0),
        (3, 2, 1, 4, '103', '{"text":"sent","media":null}', 25, 1, 'sent', NULL, 55, 3, 300, 0),
        (4, 2, 1, 5, '104', '{"text":"sent and read","media":null}', 26, 1, 'sent', NULL, 56, 4, 310, 0),
        (5, 2, 1, 6, '105', '{"text":"refused","media":null}', 40, 1, 'failed', 'USER_BANNED_IN_CHANNEL', NULL, 5, NULL, 0),
        (6, 2, 1, 7, '106', '{"text":"stopped","media":null}', 50, 0, 'cancelled', NULL, NULL, 6, NULL, 0),
        (7, 1, 1, NULL, '107', '{"text":"message row gone","media":{"kind":"photo","path":"media/b.jpg"}}', 80, 0, 'pending', NULL, NULL, 7, NULL, 0),
        (8, 1, 1, NULL, '108', '{not json', 81, 0, 'pending', NULL, NULL, 8, NULL, 0),
        (9, 2, 1, NULL, '109', '{"text":"sent, row gone","media":null}', 82, 1, 'sent', NULL, 57, 9, 320, 0),
        (10, 1, 1, 2, '110', '{"text":"a second row on message 2","media":null}', 83, 0, 'pending', NULL, NULL, 10, NULL, 0),
        (11, 1, 1, 1, '111', '{"text":"pointing at an incoming message","media":null}', 84, 0, 'pending', NULL, NULL, 11, NULL, 0);
    `);
    const incomingBefore = db.prepare("SELECT * FROM messages WHERE direction = 'in'").all();

    expect(migrate(db, migrations.slice(0, 14))).toEqual({ from: 13, to: 14 });
    expect(schemaVersion(db)).toBe(14);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'outbox'").pluck().get()).toBe(0);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.prepare("SELECT * FROM messages WHERE direction = 'in'").all()).toEqual(
      incomingBefore.map((r) => ({ ...(r as object), account_id: null, random_id: null, not_before: null, attempts: 0, last_error: null, parts_sent: 0, sent_at: null })),
    );

    // Every outbox row is one message with its random_id, exactly once.
    const rows = byRandomId(db);
    expect([...rows.keys()].sort()).toEqual(['-9007199254740993', '102', '103', '104', '105', '106', '107', '108', '109', '110', '111']);
    expect(db.prepare('SELECT count(*) FROM messages WHERE random_id IS NOT NULL').pluck().get()).toBe(11);

    // Rows that had their message: its id, text and state.
    expect(rows.get('-9007199254740993')).toMatchObject({ id: 2, status: 'queued', account_id: 1, not_before: 500, attempts: 2, last_error: 'FLOOD_WAIT_5', parts_sent: 1, sent_at: null });
    expect(rows.get('102')).toMatchObject({ id: 3, status: 'queued', media: '{"kind":"photo","path":"media/a.jpg"}', not_before: 30 });
    expect(rows.get('103')).toMatchObject({ id: 4, status: 'sent', telegram_id: 55, sent_at: 300, attempts: 1 });
    expect(rows.get('104')).toMatchObject({ id: 5, status: 'read', telegram_id: 56, sent_at: 310, sender: 'operator' });
    expect(rows.get('105')).toMatchObject({ id: 6, status: 'failed', last_error: 'USER_BANNED_IN_CHANNEL' });
    expect(rows.get('106')).toMatchObject({ id: 7, status: 'cancelled' });

    // Rows without a message of their own: a new outgoing message each, at the end of its chat.
    expect(rows.get('107')).toMatchObject({ lead_id: 1, direction: 'out', sender: 'bot', text: 'message row gone', media: '{"kind":"photo","path":"media/b.jpg"}', status: 'queued', account_id: 1, not_before: 80, ts: 80 });
    expect(rows.get('108')).toMatchObject({ lead_id: 1, text: '', status: 'failed', last_error: 'Stored outbox.payload of row 8 is damaged: no text' });
    expect(rows.get('109')).toMatchObject({ lead_id: 2, text: 'sent, row gone', status: 'sent', telegram_id: 57, sent_at: 320, ts: 320 });
    expect(rows.get('110')).toMatchObject({ lead_id: 1, text: 'a second row on message 2', status: 'queued' });
    expect(rows.get('111')).toMatchObject({ lead_id: 1, direction: 'out', text: 'pointing at an incoming message', status: 'queued' });
    expect((rows.get('107')?.id ?? 0) > 9).toBe(true);

    // A message queued with nothing to send it could never go: cancelled, not left blocking its chat.
    expect(db.prepare('SELECT status, random_id FROM messages WHERE id = 8').get()).toEqual({ status: 'cancelled', random_id: null });
    // What the owner wrote on the phone is no send of ours.
    expect(db.prepare('SELECT status, account_id, sent_at FROM messages WHERE id = 9').get()).toEqual({ status: 'sent', account_id: null, sent_at: null });

    // The sender sees exactly the queued ones: each chat's first, in due order; the rest follow.
    expect(dueChatHeads(db, 1, 1_000, 10).map((h) => [h.id, h.randomId, h.partsSent])).toEqual([[2, '-9007199254740993', 1]]);
    expect(db.prepare("SELECT random_id FROM messages WHERE status = 'queued' ORDER BY id").pluck().all()).toEqual(['-9007199254740993', '102', '107', '110', '111']);
    expect(sentTimesSince(db, 1, 0)).toEqual([300, 310, 320]);
  });

  it('keeps random_ids unique', () => {
    const db = dbAt13();
    migrate(db);
    db.transaction(() => enqueueOutgoing(db, 1, 1, { text: 'a', notBefore: 0, randomId: '42', sender: 'bot' }))();
    expect(() => enqueueOutgoing(db, 2, 1, { text: 'b', notBefore: 0, randomId: '42', sender: 'bot' })).toThrow(/UNIQUE/);
  });

  it("the sender's and the operator's queries use the new indexes", () => {
    const db = dbAt13();
    migrate(db);
    const due = `SELECT o.id FROM messages o WHERE o.account_id = 1 AND o.status = 'queued' AND o.not_before <= 5
       AND o.id = (SELECT MIN(id) FROM messages WHERE lead_id = o.lead_id AND status = 'queued') ORDER BY o.not_before, o.id LIMIT 50`;
    expect(plan(db, due)).toContain('USING INDEX messages_queued_due');
    expect(plan(db, due)).toContain('messages_queued_by_lead');
    expect(plan(db, "UPDATE messages SET status = 'cancelled' WHERE lead_id = 1 AND status = 'queued'")).toContain('messages_queued_by_lead');
    expect(plan(db, 'SELECT sent_at FROM messages WHERE account_id = 1 AND sent_at IS NOT NULL AND sent_at > 0 ORDER BY sent_at')).toContain('messages_sent_by_account');
    expect(nextChatHeadDueAt(db, 1)).toBeUndefined();
    const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'messages' AND sql IS NOT NULL ORDER BY name").pluck().all();
    expect(indexes).toEqual(expect.arrayContaining(['messages_queued_by_lead', 'messages_queued_due', 'messages_random_id', 'messages_sent_by_account']));
  });

  it('the chat still shows why a message failed; retry (same random_id) and drop find it by its id', () => {
    const db = dbAt13();
    db.exec(`
      INSERT INTO messages (id, lead_id, direction, sender, text, status, ts) VALUES (10, 1, 'out', 'bot', 'a', 'failed', 1), (11, 1, 'out', 'bot', 'b', 'failed', 2);
      INSERT INTO outbox (lead_id, account_id, message_id, random_id, payload, not_before, status, last_error, created_at) VALUES
        (1, 1, 10, '1', '{"text":"a"}', 0, 'failed', 'USER_BANNED_IN_CHANNEL', 0),
        (1, 1, 11, '2', '{"text":"b"}', 0, 'failed', 'MEDIA_EMPTY', 0);
    `);
    migrate(db);
    expect(conversationPage(db, 1, null, 10).map((m) => [m.id, m.status, m.error])).toEqual([
      [10, 'failed', 'USER_BANNED_IN_CHANNEL'],
      [11, 'failed', 'MEDIA_EMPTY'],
    ]);
    expect(retryFailedOutbox(db, 10, 5)).toBe(1);
    expect(retryFailedOutbox(db, 10, 6)).toBeUndefined(); // queued now, not failed
    expect(dropFailedOutbox(db, 11)).toBe(true);
    expect(dropFailedOutbox(db, 11)).toBe(false);
    expect(conversationPage(db, 1, null, 10).map((m) => [m.id, m.status, m.error])).toEqual([
      [10, 'queued', null],
      [11, 'cancelled', null],
    ]);
    expect(dueChatHeads(db, 1, 5, 10).map((h) => [h.id, h.randomId])).toEqual([[10, '1']]);
  });
});
