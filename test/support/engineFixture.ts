import { openDatabase, type Db } from '../../src/main/db/connection';
import { createEngineStore } from '../../src/main/db/engineStore';
import { migrate } from '../../src/main/db/migrate';
import { WriteQueue } from '../../src/main/db/writeQueue';
import { ensureSandboxAccount } from '../../src/main/db/repositories/accountsRepo';
import { ensureLead } from '../../src/main/db/repositories/leadsRepo';
import { insertScript } from '../../src/main/db/repositories/scriptsRepo';
import { Engine } from '../../src/main/engine/engine';
import type { AiPort, Clock, Random } from '../../src/main/engine/ports';
import { createOfflineAi } from '../../src/main/ai/offlineAi';
import { seededRandom } from '../../src/main/simulate/virtualClock';
import { validateScript, type ScriptInput } from '../../src/shared/script';
import { defaultStopWords } from '../../src/shared/stopWords';

/** Each lead message gets exactly one bot message back: turns are easy to count after a crash. */
export const echoScript: ScriptInput = {
  formatVersion: 1,
  name: 'Echo',
  startFlow: 'main',
  flows: [
    {
      id: 'main',
      name: 'Main',
      start: 'ping',
      steps: [
        { id: 'ping', type: 'message', messages: [{ text: 'ping' }], waitForReply: true, next: 'pong' },
        { id: 'pong', type: 'message', messages: [{ text: 'pong' }], waitForReply: true, next: 'ping' },
      ],
    },
  ],
};

export interface EngineFixture {
  db: Db;
  /** Present with `groupCommit`: the shared write queue (store incoming messages through it too). */
  writes?: WriteQueue;
  engine: Engine;
  scriptId: number;
  accountId: number;
}

/** A real engine over a SQLite file; reopening the same path continues where the last one stopped. */
export function openEngine(
  path: string,
  options: { clock?: Clock; random?: Random; ai?: AiPort; script?: ScriptInput; groupCommit?: boolean } = {},
): EngineFixture {
  const db = openDatabase(path);
  migrate(db);
  const clock = options.clock ?? { now: () => Date.now() };
  let scriptId = db.prepare('SELECT id FROM scripts ORDER BY id LIMIT 1').pluck().get() as number | undefined;
  if (scriptId === undefined) {
    const parsed = validateScript(options.script ?? echoScript);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    scriptId = insertScript(db, parsed.script, clock.now());
  }
  const accountId = ensureSandboxAccount(db, scriptId, clock.now());
  const writes = options.groupCommit ? new WriteQueue(db) : undefined;
  const engine = new Engine({
    store: createEngineStore(db, writes),
    ai: options.ai ?? createOfflineAi(),
    http: { request: async () => ({ status: 200, body: '{}' }) },
    clock,
    random: options.random ?? seededRandom(Math.floor(Math.random() * 2 ** 31)),
    settings: () => ({ debounceMs: 0, stopWords: defaultStopWords, maxStepsPerTurn: 50, maxVisitsPerStep: 3 }),
  });
  return { db, engine, scriptId, accountId, writes };
}

export function leadFor(fixture: EngineFixture, peer: string, now: number): number {
  return ensureLead(fixture.db, { accountId: fixture.accountId, peerId: peer, scriptId: fixture.scriptId }, now);
}
