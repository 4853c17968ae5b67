import { join } from 'node:path';
import { decodeMessage, englishText } from '../../../src/shared/appMessage';
import { openDatabase, type Db } from '../../../src/main/db/connection';
import { createEngineStore } from '../../../src/main/db/engineStore';
import { migrate } from '../../../src/main/db/migrate';
import { ensureSandboxAccount } from '../../../src/main/db/repositories/accountsRepo';
import { ensureLead } from '../../../src/main/db/repositories/leadsRepo';
import { insertIncoming } from '../../../src/main/db/repositories/messagesRepo';
import { insertScript } from '../../../src/main/db/repositories/scriptsRepo';
import { WriteQueue } from '../../../src/main/db/writeQueue';
import { Engine } from '../../../src/main/engine/engine';
import type { HttpPort } from '../../../src/main/engine/ports';
import { createOfflineAi } from '../../../src/main/ai/offlineAi';
import { createLogger } from '../../../src/main/log';
import { trackerHandlers, type TrackerHandlers } from '../../../src/main/rpc/handlers/trackerHandlers';
import { createSecretBox } from '../../../src/main/secrets/secretBox';
import { seededRandom } from '../../../src/main/simulate/virtualClock';
import { createTrackerService, type TrackerService } from '../../../src/main/tracker/trackerService';
import type { PostbackLogRow, TrackerSettings } from '../../../src/shared/rpc/tracker';
import { validateScript, type ScriptInput } from '../../../src/shared/script';
import { tempDir } from '../../support/tempDb';

/** Registration and deposits move the lead; the 2nd re-deposit tags it (the `resale` #2 rule); negative outcomes only tag. */
export const trackerScript: ScriptInput = {
  formatVersion: 1,
  name: 'Tracker funnel',
  // S2S tests post to a tracker on 127.0.0.1.
  allowLocalTargets: true,
  fields: [{ key: 'user_id' }],
  tags: [{ name: 'ftd' }, { name: 'rd2' }, { name: 'negative' }],
  startFlow: 'main',
  flows: [
    { id: 'main', name: 'Main', start: 'hello', steps: [{ id: 'hello', type: 'message', messages: [{ text: 'Привет! Зарегистрируйся' }], waitForReply: true }] },
    { id: 'reg', name: 'Registered', start: 'reg_thanks', steps: [{ id: 'reg_thanks', type: 'message', messages: [{ text: 'Спасибо за регистрацию' }], waitForReply: true }] },
    { id: 'dep', name: 'Deposited', start: 'dep_thanks', steps: [{ id: 'dep_thanks', type: 'message', messages: [{ text: 'Депозит получен' }], waitForReply: true }] },
  ],
  autoActions: [
    { id: 'on_reg', event: 'registration', actions: [{ type: 'goto', flow: 'reg' }] },
    { id: 'on_sale', event: 'sale', actions: [{ type: 'goto', flow: 'dep' }, { type: 'tag', add: ['ftd'] }] },
    { id: 'on_rd2', event: 'resale', occurrence: 2, actions: [{ type: 'tag', add: ['rd2'] }] },
    { id: 'on_rejected', event: 'rejected', actions: [{ type: 'tag', add: ['negative'] }] },
    { id: 'on_chargeback', event: 'chargeback', actions: [{ type: 'tag', add: ['negative'] }] },
  ],
};

export interface TrackerHarness {
  db: Db;
  engine: Engine;
  tracker: TrackerService;
  /** The tracker RPC handlers over `tracker`, as the app assembles them. */
  handlers: TrackerHandlers;
  writes: WriteQueue;
  base: string;
  /** `/pb/<token>` */
  path: string;
  pushed: PostbackLogRow[];
  lead(peer: string, tracker?: Record<string, string>): number;
  /** A lead's message the way receiveMessage will wire it: attribution in the same write, then pending. */
  receive(peer: string, text: string): Promise<{ leadId: number; stored: string }>;
  position(leadId: number): { flow: string | null; step: string | null; tags: string[] };
  close(): Promise<void>;
}

export interface HarnessOptions {
  timeouts?: { requestMs?: number; idleMs?: number };
  /** Where the database lives (default: the OS temp dir). */
  dir?: string;
}

export async function trackerHarness(settings: Partial<TrackerSettings> = {}, http?: HttpPort, options: HarnessOptions = {}): Promise<TrackerHarness> {
  const dir = options.dir ?? tempDir('voronka-tracker-');
  const db = openDatabase(join(dir, 'test.db'));
  migrate(db);
  const parsed = validateScript(trackerScript);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const scriptId = insertScript(db, parsed.script, Date.now());
  const accountId = ensureSandboxAccount(db, scriptId, Date.now());
  const writes = new WriteQueue(db);
  const clock = { now: () => Date.now() };
  const engine = new Engine({
    store: createEngineStore(db, writes),
    ai: createOfflineAi(),
    http: http ?? { request: async () => ({ status: 200, body: '{}' }) },
    clock,
    random: seededRandom(7),
    settings: () => ({ debounceMs: 0, stopWords: [], maxStepsPerTurn: 50, maxVisitsPerStep: 3 }),
  });
  const pushed: PostbackLogRow[] = [];
  const tracker = createTrackerService({
    db,
    writes,
    engine,
    secrets: createSecretBox(dir),
    log: createLogger('tracker', { sink: () => undefined }),
    clock,
    notify: { postback: (row) => pushed.push(row), status: () => undefined },
    settings: { port: 0, ...settings },
    timeouts: options.timeouts,
  });
  const status = await tracker.start();
  if (!status.endpoint) throw new Error(`listener did not start: ${status.error}`);
  const url = new URL(status.endpoint);

  const lead = (peer: string, trackerFields?: Record<string, string>) =>
    ensureLead(db, { accountId, peerId: peer, scriptId, tracker: trackerFields }, Date.now());
  return {
    db,
    engine,
    tracker,
    handlers: trackerHandlers({ db, writes, now: () => clock.now(), tracker }),
    writes,
    base: url.origin,
    path: url.pathname,
    pushed,
    lead,
    async receive(peer, text) {
      const { leadId, stored, assigned } = await writes.run(() => {
        const id = lead(peer);
        const attributed = tracker.attributeInbound(id, text);
        insertIncoming(db, { leadId: id, text: attributed.text, ts: Date.now() });
        return { leadId: id, stored: attributed.text, assigned: attributed.clickIdAssigned };
      });
      await engine.incomingMessage(leadId);
      if (assigned) await tracker.applyPendingPostbacks(leadId);
      return { leadId, stored };
    },
    position(leadId) {
      const row = db.prepare('SELECT flow_id AS flow, step_id AS step FROM leads WHERE id = ?').get(leadId) as { flow: string | null; step: string | null };
      const tags = db.prepare('SELECT tag FROM lead_tags WHERE lead_id = ? ORDER BY tag').pluck().all(leadId) as string[];
      return { ...row, tags };
    },
    async close() {
      await tracker.stop();
      await engine.idle();
      writes.flush();
      db.close();
    },
  };
}

/** Sends a postback over real HTTP and waits until the tracker has processed it. */
export async function send(h: TrackerHarness, pathAndQuery: string, init?: RequestInit): Promise<{ status: number; body: string }> {
  const response = await fetch(h.base + pathAndQuery, init);
  const body = await response.text();
  await h.tracker.idle();
  await h.engine.idle();
  return { status: response.status, body };
}

export function postbackRows(h: TrackerHarness): { outcome: string; event: string | null; error: string | null; lead_id: number | null; preset: string | null }[] {
  // The log stores coded reasons; tests read them in English, as the sender and the CLI do.
  const rows = h.db.prepare('SELECT outcome, event, error, lead_id, preset FROM postbacks ORDER BY id').all() as { error: string | null }[];
  return rows.map((r) => ({ ...r, error: r.error === null ? null : englishText(decodeMessage(r.error)) })) as never;
}
