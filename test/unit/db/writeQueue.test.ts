import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/db/connection';
import { WriteQueue } from '../../../src/main/db/writeQueue';

function setup() {
  const db = openDatabase(':memory:');
  db.exec('CREATE TABLE t (v TEXT NOT NULL UNIQUE); CREATE TABLE log (v TEXT NOT NULL)');
  const writes = new WriteQueue(db);
  // Rows gathered by the writes, written at the end of each transaction (like the engine's events).
  const gathered: string[] = [];
  writes.atBatchEnd({
    beforeCommit: () => {
      for (const v of gathered.splice(0)) db.prepare('INSERT INTO log (v) VALUES (?)').run(v);
    },
    discard: () => void gathered.splice(0),
  });
  const insert = (v: string) => () => {
    db.prepare('INSERT INTO t (v) VALUES (?)').run(v);
    gathered.push(`logged ${v}`);
    return v;
  };
  const rows = (table: string) => db.prepare(`SELECT v FROM ${table} ORDER BY rowid`).pluck().all();
  return { db, writes, insert, rows };
}

describe('WriteQueue', () => {
  it('commits the writes of one tick in one transaction, with what they gathered', async () => {
    const { writes, insert, rows } = setup();
    expect(await Promise.all(['a', 'b', 'c'].map((v) => writes.run(insert(v))))).toEqual(['a', 'b', 'c']);
    expect(writes.stats).toEqual({ batches: 1, writes: 3 });
    expect(rows('t')).toEqual(['a', 'b', 'c']);
    expect(rows('log')).toEqual(['logged a', 'logged b', 'logged c']);
  });

  it('a failing write fails alone; the others land, and nothing gathered is lost or doubled', async () => {
    const { writes, insert, rows } = setup();
    await writes.run(insert('dup'));
    const results = await Promise.allSettled([writes.run(insert('x')), writes.run(insert('dup')), writes.run(insert('y'))]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(rows('t')).toEqual(['dup', 'x', 'y']);
    // The batch ran once in full (rolled back), then write by write: each row logged exactly once.
    expect(rows('log')).toEqual(['logged dup', 'logged x', 'logged y']);
  });

  it('when the batch end itself fails, the writes of that transaction fail with it and leave nothing', async () => {
    const { db, writes, insert, rows } = setup();
    db.exec("CREATE TRIGGER refuse BEFORE INSERT ON log WHEN new.v = 'logged bad' BEGIN SELECT RAISE(ABORT, 'log refused'); END");
    const results = await Promise.allSettled([writes.run(insert('good')), writes.run(insert('bad'))]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
    expect(rows('t')).toEqual(['good']);
    expect(rows('log')).toEqual(['logged good']);
  });

  it('a write that calls flush() does not open a batch inside its own: a failing write queued meanwhile cannot drop what this one gathered', async () => {
    const { writes, insert, rows } = setup();
    await writes.run(insert('dup'));
    let inner: Promise<string> | undefined;
    const outer = writes.run(() => {
      const value = insert('outer')();
      inner = writes.run(insert('dup')); // fails: already stored
      writes.flush();
      return value;
    });
    expect(await outer).toBe('outer');
    await expect(inner).rejects.toThrow(/UNIQUE/);
    expect(rows('t')).toEqual(['dup', 'outer']);
    expect(rows('log')).toEqual(['logged dup', 'logged outer']);
  });

  it('a durable write commits with synchronous = FULL and the connection goes back to NORMAL', async () => {
    const { db, writes } = setup();
    const seen: number[] = [];
    await writes.run(() => seen.push(db.pragma('synchronous', { simple: true }) as number), { durable: true });
    expect(seen).toEqual([2]); // FULL
    expect(db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
  });
});
