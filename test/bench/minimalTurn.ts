import { join } from 'node:path';
import { openDatabase } from '../../src/main/db/connection';
import { WriteQueue } from '../../src/main/db/writeQueue';
import { randomId64 } from '../../src/main/engine/randomId';
import { tempDir } from '../support/tempDb';

/**
 * The floor an engine turn is measured against: raw better-sqlite3 doing the least a durable
 * turn must write — the incoming message, the outgoing message that is also the sender's queue row
 * (its random_id and not-before time on the same row), and the lead's new state — with only the
 * indexes the inbox and the sender need, under the engine's commit policy: the same WriteQueue (group
 * commit, same batch bound), the same pragmas, the same number of turns in flight.
 *
 * `withSearch`: the same plus the inbox's full-text search index on every message (migration 0010's
 * FTS5 table and per-row insert trigger, verbatim; ~14 µs of CPU a message here). The issue's baseline
 * predates that index; it is a second baseline, printed beside the first. The engine itself indexes in
 * batches since migration 0013 (~2–4 µs a message, counted in its run), so this one is now the easier
 * of the two to beat; the first stays the goal.
 *
 * `storeFirst`: the same writes, but the incoming message is committed (its own group commit) before
 * the reply and the lead's state are written in a second one — the app's rule "store before acting"
 * (a turn may wait seconds for the AI; the message must be durable before that), which the engine
 * follows. A third baseline, printed beside the others, to show how much of the gap is that rule.
 */
export async function minimalTurnsPerSecond(leads: number, perLead: number, inFlight: number, options: { withSearch?: boolean; storeFirst?: boolean } = {}): Promise<number> {
  const db = openDatabase(join(tempDir('voronka-bench-'), 'minimal.db'));
  db.exec(`
    CREATE TABLE leads (
      id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL, status TEXT NOT NULL, step_id TEXT,
      step_state TEXT NOT NULL DEFAULT '{}', unread INTEGER NOT NULL DEFAULT 0,
      last_message_at INTEGER, last_preview TEXT, updated_at INTEGER NOT NULL
    ) STRICT;
    -- The inbox's order (needs-a-human first, then latest message), as in the app.
    CREATE INDEX leads_inbox_order ON leads ((status != 'manual'), last_message_at, id);
    CREATE TABLE messages (
      id INTEGER PRIMARY KEY, lead_id INTEGER NOT NULL, account_id INTEGER NOT NULL, direction TEXT NOT NULL,
      text TEXT NOT NULL, status TEXT NOT NULL, random_id TEXT, not_before INTEGER, ts INTEGER NOT NULL
    ) STRICT;
    -- A conversation's messages in order (the chat view).
    CREATE INDEX messages_by_lead ON messages (lead_id, ts);
    -- The sender: what is due per account; and Telegram's random_id, unique.
    CREATE INDEX messages_due ON messages (account_id, not_before) WHERE status = 'queued';
    CREATE UNIQUE INDEX messages_random_id ON messages (random_id) WHERE random_id IS NOT NULL;
  `);
  if (options.withSearch) {
    db.exec(`
      CREATE VIRTUAL TABLE messages_fts USING fts5(
        text, content = 'messages', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
      );
      CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
        INSERT INTO messages_fts (rowid, text) VALUES (new.id, replace(replace(new.text, 'ё', 'е'), 'Ё', 'Е'));
      END;
    `);
  }
  const now = Date.now();
  const insertLead = db.prepare("INSERT INTO leads (id, account_id, status, updated_at, last_message_at) VALUES (?, 1, 'auto', ?, ?)");
  db.transaction(() => {
    for (let i = 1; i <= leads; i++) insertLead.run(i, now, now);
  })();
  const insertIn = db.prepare("INSERT INTO messages (lead_id, account_id, direction, text, status, ts) VALUES (?, 1, 'in', ?, 'received', ?)");
  const insertOut = db.prepare("INSERT INTO messages (lead_id, account_id, direction, text, status, random_id, not_before, ts) VALUES (?, 1, 'out', ?, 'queued', ?, ?, ?)");
  const updateLead = db.prepare("UPDATE leads SET status = 'waiting', step_id = ?, step_state = '{}', last_message_at = ?, last_preview = ?, updated_at = ? WHERE id = ?");
  // Random ids as the engine draws them: a sequential id would keep the unique index's inserts on one page.
  const random = { next: Math.random };
  const reply = (lead: number, text: string, ts: number): void => {
    insertOut.run(lead, text, randomId64(random), ts, ts);
    updateLead.run(text === 'ping' ? 'ping' : 'pong', ts, text, ts, lead);
  };
  const writes = new WriteQueue(db);
  const turn = async (lead: number, text: string, answer: string): Promise<void> => {
    const ts = Date.now();
    if (options.storeFirst) {
      await writes.run(() => insertIn.run(lead, text, ts));
      await writes.run(() => reply(lead, answer, ts));
      return;
    }
    await writes.run(() => {
      insertIn.run(lead, text, ts);
      reply(lead, answer, ts);
    });
  };
  const start = performance.now();
  for (let round = 0; round < perLead; round++) {
    let next = 1;
    const answer = round % 2 ? 'pong' : 'ping';
    const worker = async (): Promise<void> => {
      while (next <= leads) {
        const lead = next++;
        await turn(lead, `message ${round}`, answer);
      }
    };
    await Promise.all(Array.from({ length: inFlight }, worker));
  }
  const perSecond = (leads * perLead) / ((performance.now() - start) / 1000);
  db.close();
  return perSecond;
}
