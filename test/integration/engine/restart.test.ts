import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { insertIncoming } from '../../../src/main/db/repositories/messagesRepo';
import { seededRandom, VirtualClock } from '../../../src/main/simulate/virtualClock';
import type { ScriptInput } from '../../../src/shared/script';
import { leadFor, openEngine } from '../../support/engineFixture';
import { tempDir } from '../../support/tempDb';

const waitScript: ScriptInput = {
  formatVersion: 1,
  name: 'Waits',
  startFlow: 'main',
  flows: [
    {
      id: 'main',
      name: 'Main',
      start: 'hi',
      steps: [
        { id: 'hi', type: 'message', messages: [{ text: 'Напишу через 2 часа' }], next: 'w' },
        { id: 'w', type: 'wait', until: { kind: 'duration', duration: '2h' }, next: 'later' },
        { id: 'later', type: 'message', messages: [{ text: 'Прошло 2 часа' }], waitForReply: true, next: 'hi' },
      ],
    },
  ],
};

function counts(db: ReturnType<typeof openEngine>['db'], leadId: number) {
  return db.prepare("SELECT direction, text FROM messages WHERE lead_id = ? ORDER BY id").all(leadId) as { direction: string; text: string }[];
}

describe('restart', () => {
  it('fires a wait that fell due while the app was closed, exactly once', async () => {
    const path = join(tempDir(), 'voronka.db');
    const clock = new VirtualClock(Date.parse('2026-03-02T09:00:00Z'));
    const first = openEngine(path, { clock, script: waitScript, random: seededRandom(1) });
    const leads = [leadFor(first, 'a', clock.now()), leadFor(first, 'b', clock.now())];
    for (const leadId of leads) {
      insertIncoming(first.db, { leadId, text: 'привет', ts: clock.now() });
      await first.engine.incomingMessage(leadId);
    }
    first.db.close(); // the app goes away with two waits pending

    clock.set(clock.now() + 5 * 3_600_000);
    const second = openEngine(path, { clock, random: seededRandom(2) });
    expect(await second.engine.runDueJobs()).toBe(2);
    expect(await second.engine.runDueJobs()).toBe(0);
    for (const leadId of leads) {
      expect(counts(second.db, leadId).map((m) => m.text)).toEqual(['привет', 'Напишу через 2 часа', 'Прошло 2 часа']);
    }
    second.db.close();
  });

  it('acts on a message that was stored but never processed before the app stopped', async () => {
    const path = join(tempDir(), 'voronka.db');
    const first = openEngine(path);
    const leadId = leadFor(first, 'a', Date.now());
    insertIncoming(first.db, { leadId, text: 'hello', ts: Date.now() });
    first.db.close(); // stopped between storing and acting

    const second = openEngine(path);
    expect(await second.engine.recover()).toBe(1);
    expect(await second.engine.recover()).toBe(0);
    expect(counts(second.db, leadId).map((m) => m.text)).toEqual(['hello', 'ping']);
    second.db.close();
  });

  it('after SIGKILL at an arbitrary point, every message is answered exactly once', { timeout: 600_000 }, async () => {
    const path = join(tempDir(), 'voronka.db');
    for (const killAfterMs of [300, 700, 1100]) {
      const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/engineWorker.ts', path, '20'], { stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
      await new Promise((r) => setTimeout(r, killAfterMs));
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));

      const after = openEngine(path);
      await after.engine.recover();
      const stats = after.db
        .prepare(
          `SELECT count(*) FILTER (WHERE direction = 'in') AS incoming,
                  count(*) FILTER (WHERE direction = 'in' AND handled_at IS NULL) AS unhandled,
                  count(*) FILTER (WHERE direction = 'out') AS outgoing,
                  (SELECT count(*) FROM outbox) AS outbox, (SELECT count(DISTINCT random_id) FROM outbox) AS randomIds
           FROM messages`,
        )
        .get() as Record<string, number>;
      expect(stats.incoming).toBeGreaterThan(0);
      expect(stats.unhandled).toBe(0);
      // One turn per message, committed whole: as many answers as messages, none lost, none doubled.
      expect(stats.outgoing).toBe(stats.incoming);
      expect(stats.outbox).toBe(stats.outgoing);
      expect(stats.randomIds).toBe(stats.outbox);
      after.db.close();
    }
  });
});
