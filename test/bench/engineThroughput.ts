import { join } from 'node:path';
import { openDatabase } from '../../src/main/db/connection';
import { insertIncoming } from '../../src/main/db/repositories/messagesRepo';
import { leadFor, openEngine } from '../support/engineFixture';
import { tempDir } from '../support/tempDb';
import { percentile, print } from './stats';

/**
 * 10,000 leads × 10 messages through a non-AI path on a WAL file database, against the raw cost of
 * one INSERT + UPDATE transaction per message on the same machine, measured in the same run.
 * Latency is from storing the message to the turn being durable (group commit included).
 */
export async function benchEngineThroughput(leads = 10_000, perLead = 10): Promise<void> {
  const total = leads * perLead;

  const raw = openDatabase(join(tempDir('voronka-bench-'), 'raw.db'));
  raw.exec('CREATE TABLE leads (id INTEGER PRIMARY KEY, n INTEGER, last TEXT); CREATE TABLE messages (id INTEGER PRIMARY KEY, lead_id INTEGER, text TEXT, ts INTEGER)');
  const insertLead = raw.prepare('INSERT INTO leads (id, n) VALUES (?, 0)');
  raw.transaction(() => {
    for (let i = 1; i <= leads; i++) insertLead.run(i);
  })();
  const insert = raw.prepare('INSERT INTO messages (lead_id, text, ts) VALUES (?, ?, ?)');
  const update = raw.prepare('UPDATE leads SET n = n + 1, last = ? WHERE id = ?');
  const rawTurn = raw.transaction((lead: number, text: string) => {
    insert.run(lead, text, Date.now());
    update.run(text, lead);
  });
  const rawStart = performance.now();
  for (let round = 0; round < perLead; round++) for (let lead = 1; lead <= leads; lead++) rawTurn(lead, `message ${round}`);
  const rawPerSecond = total / ((performance.now() - rawStart) / 1000);
  raw.close();

  const fixture = openEngine(join(tempDir('voronka-bench-'), 'engine.db'), { groupCommit: true });
  const writes = fixture.writes;
  if (!writes) throw new Error('group commit is off');
  const ids: number[] = [];
  fixture.db.transaction(() => {
    for (let i = 0; i < leads; i++) ids.push(leadFor(fixture, `peer-${i}`, Date.now()));
  })();
  const latencies = new Float64Array(total);
  let k = 0;
  // Leads write concurrently, as they do on a busy account: up to `inFlight` messages at a time,
  // each stored (through the write queue, like the Telegram adapter does) and then acted on.
  const inFlight = 256;
  const start = performance.now();
  for (let round = 0; round < perLead; round++) {
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < ids.length) {
        const leadId = ids[next++] as number;
        const t0 = performance.now();
        await writes.run(() => insertIncoming(fixture.db, { leadId, text: `message ${round}`, ts: Date.now() }));
        await fixture.engine.incomingMessage(leadId);
        latencies[k++] = performance.now() - t0;
      }
    };
    await Promise.all(Array.from({ length: inFlight }, worker));
  }
  const engineSeconds = (performance.now() - start) / 1000;
  const enginePerSecond = total / engineSeconds;
  const answered = fixture.db.prepare("SELECT count(*) FROM messages WHERE direction = 'out'").pluck().get() as number;
  fixture.db.close();
  if (answered !== total) throw new Error(`expected ${total} answers, got ${answered}`);

  const sorted = Array.from(latencies).sort((a, b) => a - b);
  print('engine.leads', leads, 0);
  print('engine.messages', total, 0);
  print('engine.messages_per_s', enginePerSecond, 0);
  print('engine.in_flight', 256, 0);
  print('engine.commit_batches', writes.stats.batches, 0);
  print('engine.turn_p50_ms', percentile(sorted, 50), 3);
  print('engine.turn_p99_ms', percentile(sorted, 99), 3);
  print('raw_sqlite.insert_update_tx_per_s', rawPerSecond, 0);
  print('engine.ratio_vs_raw_sqlite', enginePerSecond / rawPerSecond, 2);
}
