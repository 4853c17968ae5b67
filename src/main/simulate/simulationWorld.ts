import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LeadStatus, Script } from '../../shared/script';
import { defaultStopWords } from '../../shared/stopWords';
import { composeFunnel } from '../composeFunnel';
import { openDatabase, type Db } from '../db/connection';
import { migrate } from '../db/migrate';
import { ensureSandboxAccount } from '../db/repositories/accountsRepo';
import { ensureLead } from '../db/repositories/leadsRepo';
import { insertScript } from '../db/repositories/scriptsRepo';
import { WriteQueue } from '../db/writeQueue';
import type { Engine } from '../engine/engine';
import type { AiPort, EngineStore, HttpPort } from '../engine/ports';
import type { IncomingMessage } from '../engine/types';
import { createLogger } from '../log';
import { createSecretBox, type SecretBox } from '../secrets/secretBox';
import type { TrackerService } from '../tracker/trackerService';
import { seededRandom, VirtualClock } from './virtualClock';

export interface SimulationWorld {
  db: Db;
  writes: WriteQueue;
  store: EngineStore;
  engine: Engine;
  tracker: TrackerService;
  clock: VirtualClock;
  leadId: number;
  scriptId: number;
  /** The lead writes: through the app's intake (campaign token read and stripped, then the engine). */
  receive(text: string, media?: IncomingMessage['media']): Promise<void>;
  /** Set once a scenario has started the real postback listener (see httpPostback.ts). */
  stopTracker?: () => Promise<void>;
  /** Moves virtual time to `target`, firing every job that falls due on the way, in order. */
  advanceTo(target: number): Promise<void>;
  /** Lets every turn, write and postback in flight finish. */
  settle(): Promise<void>;
  close(): void;
}

export interface WorldOptions {
  script: Script;
  /** The AI port as the app builds it: the resilient port around a provider (see ai/resilientAi.ts). */
  ai: AiPort;
  start: number;
  seed: number;
  lead?: { first_name?: string; last_name?: string; username?: string; tags?: string[]; status?: LeadStatus };
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

const peerId = 'simulated-lead';

/**
 * A sandbox account, one lead and the production funnel (composeFunnel: engine, intake, tracker)
 * over a real (in-memory) SQLite db on a virtual clock. Only the outside world is replaced.
 */
export function createSimulationWorld(options: WorldOptions): SimulationWorld {
  const db = openDatabase(options.dbPath ?? ':memory:');
  migrate(db);
  const clock = new VirtualClock(options.start);
  const scriptId = insertScript(db, options.script, clock.now());
  const accountId = ensureSandboxAccount(db, scriptId, clock.now());
  const profile = {
    accountId,
    peerId,
    firstName: options.lead?.first_name ?? null,
    lastName: options.lead?.last_name ?? null,
    username: options.lead?.username ?? null,
  };
  const leadId = ensureLead(db, { ...profile, scriptId, tracker: options.tracker, fields: options.fields }, clock.now());
  for (const tag of options.lead?.tags ?? []) db.prepare('INSERT OR IGNORE INTO lead_tags (lead_id, tag) VALUES (?, ?)').run(leadId, tag);
  if (options.lead?.status) db.prepare('UPDATE leads SET status = ? WHERE id = ?').run(options.lead.status, leadId);

  // The postback token is sealed only if a scenario starts the HTTP listener: no key file otherwise.
  let secretsDir: string | undefined;
  let box: SecretBox | undefined;
  const secrets: SecretBox = {
    seal: (plain) => lazyBox().seal(plain),
    open: (sealed) => lazyBox().open(sealed),
  };
  const lazyBox = (): SecretBox => {
    secretsDir ??= mkdtempSync(join(tmpdir(), 'voronka-sim-'));
    box ??= createSecretBox(secretsDir);
    return box;
  };

  const writes = new WriteQueue(db);
  const { store, engine, tracker, receive } = composeFunnel({
    db,
    writes,
    clock,
    random: seededRandom(options.seed),
    ai: options.ai,
    http: options.http ?? offlineHttp,
    secrets,
    log: createLogger('simulate', { level: 'error' }),
    // Pinned on, on port 0; the listener itself starts only if a scenario sends a postback over HTTP.
    tracker: { enabled: true, host: '127.0.0.1', port: 0 },
    settings: () => ({
      debounceMs: options.debounceMs ?? 0,
      stopWords: options.stopWords ?? defaultStopWords,
      maxStepsPerTurn: 50,
      maxVisitsPerStep: 3,
    }),
  });
  const settle = async (): Promise<void> => {
    await tracker.idle();
    await engine.idle();
    await tracker.idle();
  };
  const world: SimulationWorld = {
    db,
    writes,
    store,
    engine,
    tracker,
    clock,
    leadId,
    scriptId,
    async receive(text, media) {
      await receive({ lead: profile, scriptId, message: { text, media: media ?? null, ts: clock.now() } });
      await settle();
    },
    async advanceTo(target) {
      for (;;) {
        const due = store.nextJobDueAt();
        if (due === undefined || due > target) break;
        clock.set(due);
        await engine.runDueJobs();
        await settle();
      }
      clock.set(target);
    },
    settle,
    close: () => {
      writes.flush();
      db.close();
      if (secretsDir) rmSync(secretsDir, { recursive: true, force: true });
    },
  };
  return world;
}
