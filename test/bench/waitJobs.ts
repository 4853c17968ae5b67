import { join } from 'node:path';
import { createEngineStore } from '../../src/main/db/engineStore';
import { insertIncoming } from '../../src/main/db/repositories/messagesRepo';
import { Scheduler } from '../../src/main/engine/scheduler';
import type { ScriptInput } from '../../src/shared/script';
import { leadFor, openEngine } from '../support/engineFixture';
import { tempDir } from '../support/tempDb';
import { mb, percentile, print } from './stats';

const waitScript = (spreadMinutes: number): ScriptInput => ({
  formatVersion: 1,
  name: 'Waits',
  startFlow: 'main',
  flows: [
    {
      id: 'main',
      name: 'Main',
      start: 'w',
      steps: [
        { id: 'w', type: 'wait', until: { kind: 'lead_time', fallback: `${spreadMinutes}m` }, next: 'done' },
        { id: 'done', type: 'message', messages: [{ text: 'Время пришло' }], waitForReply: true, next: 'w' },
      ],
    },
  ],
});

/**
 * 100,000 leads parked in wait steps (one durable job each): resident memory with all of them
 * pending, how late jobs fire under the real one-timer scheduler, and CPU use while nothing is due.
 */
export async function benchWaitJobs(count = 100_000): Promise<void> {
  const path = join(tempDir('voronka-bench-'), 'jobs.db');
  const clock = { now: () => Date.now() };
  const fixture = openEngine(path, { clock, script: waitScript(0), groupCommit: true });
  // Each lead's wait is created by the engine (a real turn), then re-timed in SQL to a chosen spread.
  const ids: number[] = [];
  fixture.db.transaction(() => {
    for (let i = 0; i < count; i++) ids.push(leadFor(fixture, `peer-${i}`, Date.now()));
  })();
  const writes = fixture.writes;
  if (!writes) throw new Error('group commit is off');
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < ids.length) {
      const leadId = ids[next++] as number;
      await writes.run(() => insertIncoming(fixture.db, { leadId, text: 'когда-нибудь', ts: Date.now() }));
      await fixture.engine.incomingMessage(leadId);
    }
  };
  await Promise.all(Array.from({ length: 256 }, worker));
  // Spread due times: 2% within the next 10 s, the rest over the next 2 hours; plus a burst of 5,000
  // due at one instant 12 s from now.
  const now = Date.now();
  const retime = fixture.db.prepare('UPDATE jobs SET due_at = ? WHERE lead_id = ?');
  fixture.db.transaction(() => {
    ids.forEach((leadId, i) => {
      const dueAt = i < 5_000 ? now + 12_000 : i < 7_000 ? now + 1_000 + ((i - 5_000) / 2_000) * 9_000 : now + 20_000 + (i / count) * 7_200_000;
      retime.run(Math.round(dueAt), leadId);
    });
  })();
  const pending = fixture.db.prepare("SELECT count(*) FROM jobs WHERE kind = 'wake'").pluck().get() as number;
  global.gc?.();
  const rss = process.memoryUsage().rss;

  const scheduler = new Scheduler(fixture.engine, createEngineStore(fixture.db, writes), clock);
  scheduler.start();
  await new Promise((r) => setTimeout(r, 16_000));
  const firedRows = fixture.db
    .prepare("SELECT json_extract(payload, '$.lateMs') AS late, json_extract(payload, '$.dueAt') AS due FROM events WHERE type = 'wait.ended'")
    .all() as { late: number; due: number }[];
  const spread = firedRows.filter((r) => r.due !== now + 12_000).map((r) => r.late).sort((a, b) => a - b);
  const burst = firedRows.filter((r) => r.due === now + 12_000).map((r) => r.late).sort((a, b) => a - b);

  // Idle: nothing due for the next few seconds; the process should sleep.
  const idleStart = process.cpuUsage();
  const wallStart = performance.now();
  await new Promise((r) => setTimeout(r, 3_000));
  const idle = process.cpuUsage(idleStart);
  const idleCpuPercent = ((idle.user + idle.system) / 1000 / (performance.now() - wallStart)) * 100;
  scheduler.stop();
  fixture.db.close();

  print('jobs.pending', pending, 0);
  print('jobs.rss_mb_with_100k_pending', mb(rss), 0);
  print('jobs.fired_spread', spread.length, 0);
  print('jobs.spread_late_p50_ms', percentile(spread, 50), 0);
  print('jobs.spread_late_p99_ms', percentile(spread, 99), 0);
  print('jobs.fired_burst', burst.length, 0);
  print('jobs.burst_5000_late_p50_ms', percentile(burst, 50), 0);
  print('jobs.burst_5000_late_p99_ms', percentile(burst, 99), 0);
  print('jobs.idle_cpu_percent', idleCpuPercent, 2);
}
