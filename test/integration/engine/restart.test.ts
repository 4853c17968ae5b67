import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { dbFileName } from '../../../src/main/app';
import { openDatabase, type Db } from '../../../src/main/db/connection';
import { ensureLead } from '../../../src/main/db/repositories/leadsRepo';
import { insertIncoming } from '../../../src/main/db/repositories/messagesRepo';
import { VirtualClock } from '../../../src/main/simulate/virtualClock';
import type { ScriptInput } from '../../../src/shared/script';
import { addAccount, leadWrites, testApp } from '../../support/appFixture';
import { echoScript, openEngine } from '../../support/engineFixture';
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

function counts(db: Db, leadId: number) {
  return db.prepare("SELECT direction, text FROM messages WHERE lead_id = ? ORDER BY id").all(leadId) as { direction: string; text: string }[];
}

async function importScript(app: ReturnType<typeof testApp>, script: ScriptInput): Promise<{ scriptId: number; accountId: number }> {
  const imported = await app.call('scripts.import', { json: JSON.stringify(script) });
  if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
  return { scriptId: imported.id, accountId: addAccount(app, imported.id) };
}

// Both cases start the whole app again (createApp): its start-up recovery and its scheduler must do
// the work on their own; the test only waits for the outcome.
describe('restart', () => {
  it('fires a wait that fell due while the app was closed, exactly once, from the scheduler at start-up', async () => {
    const clock = new VirtualClock(Date.parse('2026-03-02T09:00:00Z'));
    const first = testApp(undefined, { now: () => clock.now() });
    const { scriptId, accountId } = await importScript(first, waitScript);
    const leads = [await leadWrites(first, accountId, scriptId, 'a', 'привет', clock.now()), await leadWrites(first, accountId, scriptId, 'b', 'привет', clock.now())];
    await first.engine.idle();
    expect(first.db.prepare("SELECT lead_id, kind, due_at FROM jobs ORDER BY lead_id").all()).toEqual(leads.map((id) => ({ lead_id: id, kind: 'wake', due_at: clock.now() + 2 * 3_600_000 })));
    await first.close(); // the app goes away with two waits pending

    clock.set(clock.now() + 5 * 3_600_000);
    const second = testApp(first.info.dataDir, { now: () => clock.now() });
    try {
      await vi.waitFor(() => expect(second.db.prepare('SELECT count(*) FROM jobs').pluck().get()).toBe(0), { timeout: 120_000, interval: 20 });
      await second.engine.idle();
      for (const leadId of leads) {
        expect(counts(second.db, leadId).map((m) => m.text)).toEqual(['привет', 'Напишу через 2 часа', 'Прошло 2 часа']);
      }
    } finally {
      await second.close();
    }
  });

  it('acts on a message that was stored but never processed before the app stopped', async () => {
    const first = testApp();
    const { scriptId, accountId } = await importScript(first, echoScript);
    await first.close();
    // Stored by the intake, then the app stopped before the engine acted on it.
    const db = openDatabase(join(first.info.dataDir, dbFileName));
    const leadId = ensureLead(db, { accountId, peerId: 'a', scriptId }, Date.now());
    insertIncoming(db, { leadId, text: 'hello', ts: Date.now() });
    db.close();

    const second = testApp(first.info.dataDir);
    try {
      await vi.waitFor(() => expect(counts(second.db, leadId).map((m) => m.text)).toEqual(['hello', 'ping']), { timeout: 120_000, interval: 20 });
      await second.engine.idle();
      expect(second.db.prepare("SELECT count(*) FROM messages WHERE direction = 'in' AND handled_at IS NULL").pluck().get()).toBe(0);
      expect(counts(second.db, leadId).map((m) => m.text)).toEqual(['hello', 'ping']);
    } finally {
      await second.close();
    }
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
                  count(random_id) FILTER (WHERE direction = 'out') AS withRandomId, count(DISTINCT random_id) AS randomIds
           FROM messages`,
        )
        .get() as Record<string, number>;
      expect(stats.incoming).toBeGreaterThan(0);
      expect(stats.unhandled).toBe(0);
      // One turn per message, committed whole: as many answers as messages, none lost, none doubled.
      expect(stats.outgoing).toBe(stats.incoming);
      expect(stats.withRandomId).toBe(stats.outgoing);
      expect(stats.randomIds).toBe(stats.withRandomId);
      after.db.close();
    }
  });
});
