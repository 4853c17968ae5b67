import { loadavg } from 'node:os';
import { join } from 'node:path';
import { insertIncoming } from '../../src/main/db/repositories/messagesRepo';
import { indexNewMessages, startSearchIndexer } from '../../src/main/db/searchIndex';
import { leadFor, openEngine } from '../support/engineFixture';
import { tempDir } from '../support/tempDb';
import { minimalTurnsPerSecond } from './minimalTurn';
import { percentile, print } from './stats';

/**
 * 10,000 leads × 10 messages through a non-AI path on a WAL file database, against the minimal
 * durable turn in raw better-sqlite3 under the same commit policy (see minimalTurn.ts), measured in
 * the same run: before and after the engine, averaged, so drift on a shared machine hits both sides.
 * Latency is from storing the message to the turn being durable (group commit included).
 * CPU ms per turn is the process's user + system CPU time over the run ÷ turns: it means something
 * even when other processes share the cores.
 */
export async function benchEngineThroughput(leads = 10_000, perLead = 10): Promise<void> {
  const total = leads * perLead;
  const inFlight = 256;
  const minimal = await measureMinimal(leads, perLead, inFlight);
  const minimalSearch = await measureMinimal(leads, perLead, inFlight, { withSearch: true });
  const minimalStoreFirst = await measureMinimal(leads, perLead, inFlight, { storeFirst: true });

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
  // each stored (through the write queue, like the Telegram adapter does) and then acted on. The
  // search indexer runs as in the app (a batch every second through the same write queue), and the
  // tail it has not reached at the end is indexed inside the timed run: every message's index cost counts.
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const indexer = startSearchIndexer(fixture.db, writes);
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
  indexer.stop();
  await writes.run(() => indexNewMessages(fixture.db));
  const engineSeconds = (performance.now() - start) / 1000;
  const enginePerSecond = total / engineSeconds;
  const cpu = process.cpuUsage(cpuStart);
  const answered = fixture.db.prepare("SELECT count(*) FROM messages WHERE direction = 'out'").pluck().get() as number;
  const indexed = fixture.db.prepare("SELECT count(*) FROM messages_fts WHERE messages_fts MATCH 'message OR ping OR pong'").pluck().get() as number;
  fixture.db.close();
  if (answered !== total) throw new Error(`expected ${total} answers, got ${answered}`);
  if (indexed !== 2 * total) throw new Error(`expected ${2 * total} messages in the search index, got ${indexed}`);

  const sorted = Array.from(latencies).sort((a, b) => a - b);
  print('engine.leads', leads, 0);
  print('engine.messages', total, 0);
  print('engine.messages_per_s', enginePerSecond, 0);
  print('engine.in_flight', inFlight, 0);
  print('engine.commit_batches', writes.stats.batches, 0);
  print('engine.turn_p50_ms', percentile(sorted, 50), 3);
  print('engine.turn_p99_ms', percentile(sorted, 99), 3);
  print('engine.cpu_ms_per_turn', (cpu.user + cpu.system) / 1000 / total, 3);
  print('engine.sql_statements_per_turn', await statementsPerTurn(), 1);
  const after = await measureMinimal(leads, perLead, inFlight);
  const afterSearch = await measureMinimal(leads, perLead, inFlight, { withSearch: true });
  const afterStoreFirst = await measureMinimal(leads, perLead, inFlight, { storeFirst: true });
  const minimalPerSecond = (minimal.perSecond + after.perSecond) / 2;
  const minimalSearchPerSecond = (minimalSearch.perSecond + afterSearch.perSecond) / 2;
  const minimalStoreFirstPerSecond = (minimalStoreFirst.perSecond + afterStoreFirst.perSecond) / 2;
  print('minimal_turn.turns_per_s', minimalPerSecond, 0);
  print('minimal_turn.turns_per_s_before_after', `${minimal.perSecond.toFixed(0)} / ${after.perSecond.toFixed(0)}`);
  print('minimal_turn.cpu_ms_per_turn', (minimal.cpuMsPerTurn + after.cpuMsPerTurn) / 2, 3);
  print('minimal_turn.sql_statements_per_turn', 3, 0);
  print('minimal_turn_with_search.turns_per_s', minimalSearchPerSecond, 0);
  print('minimal_turn_with_search.cpu_ms_per_turn', (minimalSearch.cpuMsPerTurn + afterSearch.cpuMsPerTurn) / 2, 3);
  print('minimal_turn_store_first.turns_per_s', minimalStoreFirstPerSecond, 0);
  print('minimal_turn_store_first.cpu_ms_per_turn', (minimalStoreFirst.cpuMsPerTurn + afterStoreFirst.cpuMsPerTurn) / 2, 3);
  print('engine.ratio_vs_minimal_turn', enginePerSecond / minimalPerSecond, 2);
  print('engine.ratio_vs_minimal_turn_with_search', enginePerSecond / minimalSearchPerSecond, 2);
  print('engine.ratio_vs_minimal_turn_store_first', enginePerSecond / minimalStoreFirstPerSecond, 2);
  print('engine.cpu_ratio_vs_minimal_turn', (minimal.cpuMsPerTurn + after.cpuMsPerTurn) / 2 / ((cpu.user + cpu.system) / 1000 / total), 2);
  print('bench.load_average_1m', loadavg()[0] ?? Number.NaN, 1);
}

/**
 * SQL statements (reads and writes, each run of a prepared statement, COMMITs not counted) per engine
 * turn, the incoming message's storage included: counted on a small separate run, so the wrapper
 * counting them costs nothing in the timed run above.
 */
async function statementsPerTurn(leads = 500, perLead = 4): Promise<number> {
  const fixture = openEngine(join(tempDir('voronka-bench-'), 'count.db'), { groupCommit: true });
  const writes = fixture.writes;
  if (!writes) throw new Error('group commit is off');
  const ids: number[] = [];
  fixture.db.transaction(() => {
    for (let i = 0; i < leads; i++) ids.push(leadFor(fixture, `peer-${i}`, Date.now()));
  })();
  let count = 0;
  const prepare = fixture.db.prepare.bind(fixture.db);
  fixture.db.prepare = ((source: string) => {
    const statement = prepare(source);
    for (const method of ['run', 'get', 'all'] as const) {
      const original = statement[method].bind(statement) as (...args: unknown[]) => unknown;
      (statement as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
        count++;
        return original(...args);
      };
    }
    return statement;
  }) as typeof fixture.db.prepare;
  const indexer = startSearchIndexer(fixture.db, writes);
  for (let round = 0; round < perLead; round++) {
    await Promise.all(
      ids.map(async (leadId) => {
        await writes.run(() => insertIncoming(fixture.db, { leadId, text: `message ${round}`, ts: Date.now() }));
        await fixture.engine.incomingMessage(leadId);
      }),
    );
  }
  indexer.stop();
  await writes.run(() => indexNewMessages(fixture.db));
  fixture.db.close();
  return count / (leads * perLead);
}

async function measureMinimal(leads: number, perLead: number, inFlight: number, options: { withSearch?: boolean; storeFirst?: boolean } = {}): Promise<{ perSecond: number; cpuMsPerTurn: number }> {
  const cpuStart = process.cpuUsage();
  const perSecond = await minimalTurnsPerSecond(leads, perLead, inFlight, options);
  const cpu = process.cpuUsage(cpuStart);
  return { perSecond, cpuMsPerTurn: (cpu.user + cpu.system) / 1000 / (leads * perLead) };
}
