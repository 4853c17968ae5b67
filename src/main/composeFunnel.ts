import type { TrackerSettings } from '../shared/rpc/tracker';
import type { Db } from './db/connection';
import { createEngineStore } from './db/engineStore';
import type { WriteQueue } from './db/writeQueue';
import { Engine } from './engine/engine';
import type { EngineSettings } from './engine/engineInputs';
import type { AiPort, Clock, EngineStore, HttpPort, Notifier, Random } from './engine/ports';
import { receiveMessage, type InboundMessage } from './inbound/receiveMessage';
import type { Logger } from './log';
import type { SecretBox } from './secrets/secretBox';
import { createTrackerService, type TrackerNotifier, type TrackerService } from './tracker/trackerService';

export interface FunnelOptions {
  db: Db;
  writes: WriteQueue;
  clock: Clock;
  random: Random;
  /** The resilient AI port (provider plus offline fallbacks), see ai/resilientAi.ts. */
  ai: AiPort;
  http: HttpPort;
  secrets: SecretBox;
  log: Logger;
  settings(): EngineSettings;
  tracker?: Partial<TrackerSettings>;
  /** Told of each logged postback and tracker status change. */
  notify?: TrackerNotifier;
  notifier?: Notifier;
  onJobsChanged?(): void;
  onError?(error: unknown, context: Record<string, unknown>): void;
}

/** The funnel as production runs it: engine, its store, the tracker (attribution, postbacks) and message intake. */
export interface Funnel {
  store: EngineStore;
  engine: Engine;
  tracker: TrackerService;
  /** The one intake of a lead's message: stored, attributed (campaign token read and stripped), then acted on. */
  receive(inbound: InboundMessage): Promise<{ leadId: number; stored: boolean }>;
}

const composed = new WeakSet<Engine>();

/**
 * Builds the funnel runtime from its ports. The app and the simulator (`voronka simulate`, the
 * emulator) both call this, so a scenario runs exactly the code production runs; they differ only
 * in the outside world they pass in (clock, Telegram, AI provider, HTTP targets).
 */
export function composeFunnel(options: FunnelOptions): Funnel {
  const { db, writes } = options;
  const store = createEngineStore(db, writes);
  const engine = new Engine({
    store,
    ai: options.ai,
    http: options.http,
    clock: options.clock,
    random: options.random,
    settings: options.settings,
    notifier: options.notifier,
    onJobsChanged: options.onJobsChanged,
    onError: options.onError,
  });
  composed.add(engine);
  const tracker = createTrackerService({
    db,
    writes,
    engine,
    secrets: options.secrets,
    log: options.log,
    clock: options.clock,
    notify: options.notify,
    settings: options.tracker,
  });
  return { store, engine, tracker, receive: (inbound) => receiveMessage(db, writes, engine, inbound, tracker) };
}

/** Whether this engine came from `composeFunnel` (a test holds the app and the simulator to it). */
export function isComposedEngine(engine: Engine): boolean {
  return composed.has(engine);
}
