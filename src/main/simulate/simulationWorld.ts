import { defaultStopWords } from '../../shared/stopWords';
import type { Script } from '../../shared/script';
import { openDatabase, type Db } from '../db/connection';
import { createEngineStore } from '../db/engineStore';
import { migrate } from '../db/migrate';
import { ensureSandboxAccount } from '../db/repositories/accountsRepo';
import { ensureLead } from '../db/repositories/leadsRepo';
import { insertScript } from '../db/repositories/scriptsRepo';
import { Engine } from '../engine/engine';
import type { AiPort, EngineStore, HttpPort } from '../engine/ports';
import { seededRandom, VirtualClock } from './virtualClock';

export interface SimulationWorld {
  db: Db;
  store: EngineStore;
  engine: Engine;
  clock: VirtualClock;
  leadId: number;
  scriptId: number;
  /** Set once a scenario has started the real postback listener (see httpPostback.ts). */
  stopTracker?: () => Promise<void>;
  /** Moves virtual time to `target`, firing every job that falls due on the way, in order. */
  advanceTo(target: number): Promise<void>;
  close(): void;
}

export interface WorldOptions {
  script: Script;
  ai: AiPort;
  start: number;
  seed: number;
  lead?: { first_name?: string; last_name?: string; username?: string };
  tracker?: Record<string, string>;
  fields?: Record<string, string | number>;
  debounceMs?: number;
  stopWords?: readonly string[];
  http?: HttpPort;
  /** A database file; in memory by default. */
  dbPath?: string;
}

/**
 * Webhooks in a simulation reach nothing unless real requests are turned on for the session: they
 * answer 200 with an empty JSON object, marked as simulated in the timeline.
 */
const offlineHttp: HttpPort = { request: async () => ({ status: 200, body: '{}', simulated: true }) };

/** A sandbox account, one lead and the real engine over a real (in-memory) SQLite db on a virtual clock. */
export function createSimulationWorld(options: WorldOptions): SimulationWorld {
  const db = openDatabase(options.dbPath ?? ':memory:');
  migrate(db);
  const clock = new VirtualClock(options.start);
  const scriptId = insertScript(db, options.script, clock.now());
  const accountId = ensureSandboxAccount(db, scriptId, clock.now());
  const leadId = ensureLead(
    db,
    {
      accountId,
      peerId: 'simulated-lead',
      firstName: options.lead?.first_name ?? null,
      lastName: options.lead?.last_name ?? null,
      username: options.lead?.username ?? null,
      scriptId,
      tracker: options.tracker,
      fields: options.fields,
    },
    clock.now(),
  );
  const store = createEngineStore(db);
  const engine = new Engine({
    store,
    ai: options.ai,
    http: options.http ?? offlineHttp,
    clock,
    random: seededRandom(options.seed),
    settings: () => ({
      debounceMs: options.debounceMs ?? 0,
      stopWords: options.stopWords ?? defaultStopWords,
      maxStepsPerTurn: 50,
      maxVisitsPerStep: 3,
    }),
  });
  return {
    db,
    store,
    engine,
    clock,
    leadId,
    scriptId,
    async advanceTo(target) {
      for (;;) {
        const due = store.nextJobDueAt();
        if (due === undefined || due > target) break;
        clock.set(due);
        await engine.runDueJobs();
        await engine.idle();
      }
      clock.set(target);
    },
    close: () => db.close(),
  };
}
