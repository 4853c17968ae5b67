import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../../src/main/db/connection';
import { migrate } from '../../../../src/main/db/migrate';
import { migrations } from '../../../../src/main/db/migrations';
import { indexNewMessages } from '../../../../src/main/db/searchIndex';

const match = (db: Db, q: string): number[] => db.prepare('SELECT rowid FROM messages_fts WHERE messages_fts MATCH ? ORDER BY rowid').pluck().all(q) as number[];
/**
 * FTS5's own check, which throws on a damaged index. `againstContent`: also that it holds exactly
 * the messages' text (only true when every message is indexed and none has ё, which is indexed as е).
 */
const integrityCheck = (db: Db, againstContent = false): void => {
  db.prepare("INSERT INTO messages_fts (messages_fts, rank) VALUES ('integrity-check', ?)").run(againstContent ? 1 : 0);
};

function dbWithMessages(upTo: number): { db: Db; insert: (text: string) => number } {
  const db = openDatabase(':memory:');
  migrate(db, migrations.slice(0, upTo));
  db.prepare("INSERT INTO accounts (kind, status, created_at, updated_at) VALUES ('telegram', 'online', 0, 0)").run();
  db.prepare("INSERT INTO leads (account_id, peer_id, created_at, updated_at) VALUES (1, 'p1', 0, 0)").run();
  const statement = db.prepare("INSERT INTO messages (lead_id, direction, sender, text, status, ts) VALUES (1, 'in', 'lead', ?, 'received', 0)");
  return { db, insert: (text) => Number(statement.run(text).lastInsertRowid) };
}

describe('migration 0013-search-index-deferred', () => {
  it('keeps what 0010 indexed; new messages are indexed by the batch, not on insert', () => {
    const { db, insert } = dbWithMessages(12);
    insert('Старое сообщение');
    migrate(db, migrations.slice(0, 13));
    expect(match(db, '"стар"*')).toEqual([1]);
    expect(db.prepare('SELECT last_id FROM messages_fts_cursor').pluck().get()).toBe(1);
    const fresh = insert('Новое сообщение про ёжика');
    expect(match(db, '"нов"*')).toEqual([]);
    expect(indexNewMessages(db)).toBe(1);
    expect(match(db, '"нов"*')).toEqual([fresh]);
    expect(match(db, '"ежик"*')).toEqual([fresh]);
    expect(indexNewMessages(db)).toBe(0);
    integrityCheck(db);
  });

  it('indexes a backlog in batches of the given size', () => {
    const { db, insert } = dbWithMessages(13);
    for (let i = 0; i < 5; i++) insert(`слово ${i}`);
    expect(indexNewMessages(db, 2)).toBe(2);
    expect(match(db, 'слово')).toEqual([1, 2]);
    expect(indexNewMessages(db, 2)).toBe(2);
    expect(indexNewMessages(db, 2)).toBe(1);
    expect(match(db, 'слово')).toEqual([1, 2, 3, 4, 5]);
    integrityCheck(db, true);
  });

  it('edits and deletes reach the index for indexed rows, and leave unindexed rows to their batch', () => {
    const { db, insert } = dbWithMessages(13);
    const indexed = insert('первый текст');
    const other = insert('второй текст');
    indexNewMessages(db);
    const pending = insert('третий текст');
    db.prepare('UPDATE messages SET text = ? WHERE id = ?').run('исправленный', indexed);
    db.prepare('UPDATE messages SET text = ? WHERE id = ?').run('поправленный', pending);
    expect(match(db, 'первый')).toEqual([]);
    expect(match(db, 'исправленный')).toEqual([indexed]);
    integrityCheck(db);
    indexNewMessages(db);
    expect(match(db, 'третий')).toEqual([]);
    expect(match(db, 'поправленный')).toEqual([pending]);
    db.prepare('DELETE FROM messages WHERE id IN (?, ?)').run(other, pending);
    expect(match(db, 'текст')).toEqual([]);
    integrityCheck(db, true);
  });

  it('a new message that reuses a deleted highest id is still indexed', () => {
    const { db, insert } = dbWithMessages(13);
    insert('один');
    const highest = insert('два');
    indexNewMessages(db);
    db.prepare('DELETE FROM messages WHERE id = ?').run(highest);
    const reused = insert('три');
    expect(reused).toBe(highest); // SQLite hands the highest rowid out again
    expect(indexNewMessages(db)).toBe(1);
    expect(match(db, 'три')).toEqual([reused]);
    expect(match(db, 'два')).toEqual([]);
    integrityCheck(db, true);
  });

  it('the cursor row deleted before the unindexed rows above it (a removed account cascading): new messages are still indexed', () => {
    const { db, insert } = dbWithMessages(13);
    insert('один');
    const cursorRow = insert('два');
    indexNewMessages(db);
    const pending = insert('три'); // stored within the last second: not indexed yet
    // The cascade reaches the cursor's row first, then the unindexed row above it.
    db.prepare('DELETE FROM messages WHERE id = ?').run(cursorRow);
    db.prepare('DELETE FROM messages WHERE id = ?').run(pending);
    const reused = insert('четыре');
    expect(reused).toBe(cursorRow); // SQLite hands the highest rowid out again
    expect(indexNewMessages(db)).toBe(1);
    expect(match(db, 'четыре')).toEqual([reused]);
    db.prepare('UPDATE messages SET text = ? WHERE id = ?').run('пять', reused);
    expect(match(db, 'пять')).toEqual([reused]);
    integrityCheck(db, true);
  });
});
