import { adoptLegacyScriptMedia } from './media/legacyScriptMedia';
import { textMessage } from '../shared/appMessage';
import type { AppInfo } from '../shared/appInfo';
import type { Language, Settings } from '../shared/settings';
import { defaultStopWords } from '../shared/stopWords';
import { randomBytes } from 'node:crypto';
import { createAiService } from './ai/aiService';
import { leadDisplayName } from './db/repositories/inboxRepo';
import { getSettings } from './db/repositories/settingsRepo';
import { WriteQueue } from './db/writeQueue';
import type { Engine } from './engine/engine';
import type { EngineSettings } from './engine/engineInputs';
import { Scheduler } from './engine/scheduler';
import { createOutboundHttp } from './http/outboundHttp';
import { createSecretBox, type SecretBox } from './secrets/secretBox';
import type { TrackerService } from './tracker/trackerService';
import { composeFunnel } from './composeFunnel';
import type { TelegramClientOptions } from './telegram/clientFactory';
import { createTelegramService, type TelegramService } from './telegram/telegramService';
import type { TrackerSettings } from '../shared/rpc/tracker';
import type { Db } from './db/connection';
import { schemaVersion } from './db/migrate';
import { openDataFolder } from './dataFolder/openDataFolder';
import { scheduleDailyBackups } from './db/dailyBackups';
import { startSearchIndexer } from './db/searchIndex';
import { logFolderName } from './logFile';
import { join } from 'node:path';
import { createLogger, type Logger } from './log';
import { createEventBus, type EventBus } from './rpc/eventBus';
import { createAppHandlers } from './rpc/handlers/appHandlers';
import type { AppSandbox } from './rpc/handlers/sandboxHandlers';
import { createRpcRouter, type RpcRouter } from './rpc/router';

export interface AppOptions {
  dataDir: string;
  host: AppInfo['host'];
  version: string;
  /** Language used until the user picks one (from the OS locale). */
  defaultLanguage: Language;
  /** better-sqlite3 addon for this runtime when it is not Node's (Electron). */
  nativeBinding?: string;
  log?: Logger;
  now?: () => number;
  /** How secrets are sealed: Electron wraps the key with safeStorage; by default a 0600 key file. */
  secrets?: SecretBox;
  /** teleproto client settings: the sandbox host and tests point clients at a local MTProto server. */
  telegramClientOptions?: TelegramClientOptions;
  /** Postback listener settings pinned by the host (e.g. `--tracker-port`; tests use port 0). */
  tracker?: Partial<TrackerSettings>;
  /** Sandbox mode (`--sandbox-telegram`): simulated people of a local Telegram server, via the sandbox.* methods. */
  sandbox?: AppSandbox;
  /** Event bus that outlives one app instance (the runner keeps it across a restore). */
  events?: EventBus;
  /** Where the host's log file is (shown and opened from Settings). */
  logDir?: string;
  /** Restore support from the runner: stop, swap in the backup, start again. */
  restore?: (backupPath: string) => Promise<void>;
  /** Opens a folder in the file manager (desktop). */
  openFolder?: (path: string) => Promise<boolean>;
}

/** The running app: what both hosts (Electron, headless) wire to their transport. */
export interface VoronkaApp {
  readonly rpc: RpcRouter;
  readonly events: EventBus;
  readonly db: Db;
  readonly log: Logger;
  readonly info: AppInfo;
  readonly engine: Engine;
  readonly writes: WriteQueue;
  readonly tracker: TrackerService;
  readonly telegram: TelegramService;
  /** Stops inputs, lets running turns finish, then closes the database. */
  close(): Promise<void>;
}

export { dbFileName } from './dataFolder/openDataFolder';

/** Composition root: opens the data folder and its db, builds the services, wires the RPC handlers. */
export function createApp(options: AppOptions): VoronkaApp {
  const log = options.log ?? createLogger('app');
  const now = options.now ?? Date.now;
  const { db, lock, dbPath } = openDataFolder(options.dataDir, { log, nativeBinding: options.nativeBinding });
  options.sandbox?.prepare(db);
  // Before anything reads a script: older scripts' files are copied into the media library.
  adoptLegacyScriptMedia(db, options.dataDir, log.child('media'));

  const events = options.events ?? createEventBus();
  const defaults: Settings = { language: options.defaultLanguage, stopWords: [...defaultStopWords], debounceSeconds: 3 };
  const clock = { now };
  const writes = new WriteQueue(db);
  const http = createOutboundHttp();
  const secrets = options.secrets ?? createSecretBox(options.dataDir);
  const ai = createAiService({ db, secrets, dataDir: options.dataDir, log: log.child('ai'), now });
  let engineSettings: EngineSettings | undefined;
  events.subscribe((event) => {
    if (event === 'settings.changed') engineSettings = undefined;
  });
  const { store, engine, tracker } = composeFunnel({
    db,
    writes,
    clock,
    random: { next: () => randomBytes(6).readUIntBE(0, 6) / 2 ** 48 },
    ai: ai.port,
    http,
    secrets,
    log: log.child('tracker'),
    notify: { postback: (row) => events.emit('tracker.postback', row), status: (status) => events.emit('tracker.status', status) },
    tracker: options.tracker,
    // Read on every turn, so cached; a settings change (always through settings.set) drops the cache.
    settings: () => {
      if (!engineSettings) {
        const current = getSettings(db, defaults);
        engineSettings = { stopWords: current.stopWords, debounceMs: current.debounceSeconds * 1000, maxStepsPerTurn: 50, maxVisitsPerStep: 3 };
      }
      return engineSettings;
    },
    // Declared below; no turn (hence no job change) can run before it exists.
    onJobsChanged: () => scheduler.poke(),
    notifier: {
      leadChanged: (id) => events.emit('lead.changed', { id }),
      // Timers, pushes and operator messages queue outgoing messages outside any incoming message.
      outboxChanged: (accountId) => telegram.pokeSender(accountId),
      leadNeedsHuman: (id, reason) => events.emit('lead.needsHuman', { id, name: leadDisplayName(db, id), reason, cause: 'handover' }),
    },
    onError: (error, context) => log.error('engine job failed', { ...context, error }),
  });
  const scheduler = new Scheduler(engine, store, clock, (error) => log.error('scheduler failed', { error }));
  const info: AppInfo = {
    name: 'Voronka',
    version: options.version,
    host: options.host,
    dataDir: options.dataDir,
    dbPath,
    schemaVersion: schemaVersion(db),
  };
  const telegram = createTelegramService({
    db,
    writes,
    engine,
    secrets,
    dataDir: options.dataDir,
    clock,
    log: log.child('telegram'),
    onStatus: (event) => events.emit('accounts.status', event),
    leadNeedsHuman: (id, cause, reason) => events.emit('lead.needsHuman', { id, name: leadDisplayName(db, id), reason: textMessage(reason), cause }),
    leadActivity: (id, kind, ms) => (kind === 'typing' ? events.emit('lead.typing', { id, ms: ms ?? 0 }) : events.emit('lead.changed', { id })),
    clientOptions: options.telegramClientOptions,
    tracker: { attributeInbound: (leadId, text) => tracker.attributeInbound(leadId, text), applyPendingPostbacks: (leadId) => tracker.applyPendingPostbacks(leadId) },
  });
  const { handlers, close: closeHandlers } = createAppHandlers({
    info,
    db,
    store,
    writes,
    engine,
    events,
    http,
    dataDir: options.dataDir,
    defaults,
    now,
    ai,
    tracker,
    telegram,
    sandbox: options.sandbox,
    maintenance: { logDir: options.logDir ?? join(options.dataDir, logFolderName), restore: options.restore, openFolder: options.openFolder },
  });
  const rpc = createRpcRouter(
    handlers,
    log.child('rpc'),
  );

  // Messages stored but never acted on (the app stopped mid-way) and overdue waits run now.
  void engine.recover().catch((error: unknown) => log.error('recovery failed', { error }));
  scheduler.start();
  const dailyBackups = scheduleDailyBackups(db, options.dataDir, log.child('backup'));
  // Messages are full-text indexed in batches off the turn (migration 0013); searches index the rest.
  const searchIndexer = startSearchIndexer(db, writes, { onError: (error) => log.error('search indexing failed', { error }) });
  void tracker.start().catch((error: unknown) => log.error('tracker failed to start', { error }));
  void telegram.start().catch((error: unknown) => log.error('telegram failed to start', { error }));

  let closed = false;
  return {
    engine,
    writes,
    tracker,
    telegram,
    rpc,
    events,
    db,
    log,
    info,
    async close() {
      if (closed) return;
      closed = true;
      // Inputs stop first (postbacks, Telegram updates); what was stored but not processed is
      // recovered at the next start. Then timers, then the database.
      await Promise.allSettled([tracker.stop(), telegram.stop()]);
      await engine.idle();
      scheduler.stop();
      searchIndexer.stop();
      dailyBackups.stop();
      await dailyBackups.idle();
      await closeHandlers();
      writes.flush();
      void ai.close();
      // Checkpoint so the data folder is a single self-contained file after a clean exit.
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
      lock.release();
      log.info('closed');
    },
  };
}
