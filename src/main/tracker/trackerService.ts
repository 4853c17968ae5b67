import { msg, type AppMessage } from '../../shared/appMessage';
import type { PostbackLogRow, TrackerSettings, TrackerStatus } from '../../shared/rpc/tracker';
import type { Db } from '../db/connection';
import { countPending, prunePostbacks } from '../db/repositories/postbacksRepo';
import type { WriteQueue } from '../db/writeQueue';
import type { Engine } from '../engine/engine';
import type { Clock } from '../engine/ports';
import type { Logger } from '../log';
import { AppFailure } from '../appFailure';
import { QuickTunnel, TunnelError } from './quickTunnel';
import type { SecretBox } from '../secrets/secretBox';
import { attributeInbound, type AttributionResult } from './attribution';
import type { parsedPostbackSchema } from './parsePostback';
import type { z } from 'zod';
import { createIpAllowlist, type IpAllowlist } from './ipAllowlist';
import { startPostbackListener, type RunningListener } from './postbackListener';
import { acceptParsedPostback, receivePostback, type IntakeDeps, type IntakeResult, type PostbackRequest, type PostbackSource } from './postbackIntake';
import { PostbackProcessor } from './postbackProcessor';
import { RateLimiter } from './rateLimiter';
import { StrangerLog } from './strangerLog';
import { sendTrackerEvent, type TrackerEventRequest, type TrackerEventResult } from './sendTrackerEvent';
import { TrackerConfig } from './trackerConfig';

export interface TrackerServiceDeps {
  db: Db;
  writes: WriteQueue;
  engine: Pick<Engine, 'event' | 'sendOutbound'>;
  secrets: SecretBox;
  log: Logger;
  clock: Clock;
  /** Told of each logged postback and each status change (the app pushes them to the renderers). */
  notify?: TrackerNotifier;
  /** Pinned settings, not persisted: the host or a test sets e.g. `{ port: 0 }`. */
  settings?: Partial<TrackerSettings>;
  /** Slow-client limits of the listener (tests pin small ones). */
  timeouts?: { requestMs?: number; idleMs?: number };
}

export interface TrackerNotifier {
  postback(row: PostbackLogRow): void;
  status(status: TrackerStatus): void;
}

export interface TrackerService {
  /** Applies leftovers (accepted but unprocessed, expired pending) and starts the listener if enabled. */
  start(): Promise<TrackerStatus>;
  stop(): Promise<void>;
  status(): TrackerStatus;
  /** The stored settings and the path token. */
  readonly config: TrackerConfig;
  /** Applies changed settings: the rate limit at once, a restart of the listener when its address changed. */
  settingsChanged(before: TrackerSettings, after: TrackerSettings): Promise<void>;
  /** The path token changed: renderers get the new endpoint. */
  tokenChanged(): void;
  /** Starts a Cloudflare quick tunnel to the running listener; AppFailure('unavailable') when it cannot. */
  startTunnel(): Promise<TrackerStatus>;
  stopTunnel(): TrackerStatus;
  /** Sync; call inside the write that stores an incoming message, before inserting it. */
  attributeInbound(leadId: number, text: string): AttributionResult;
  /**
   * One postback without HTTP (the simulator): the listener's own parsing, de-duplication, durable
   * store and processing. Resolve `idle()` to wait for its lead event.
   */
  receivePostback(request: PostbackRequest): Promise<IntakeResult>;
  /** Deletes postback log rows older than the retention setting (also run hourly while started). */
  pruneLog(): Promise<number>;
  /** Applies postbacks that arrived before this lead had its click id. */
  applyPendingPostbacks(leadId: number): Promise<number>;
  /** "Send event to tracker": an outbound S2S postback for a lead, retried, logged in its timeline. */
  sendEvent(request: TrackerEventRequest): Promise<TrackerEventResult>;
  /**
   * A postback already parsed (the simulator's direct form): stored with the listener's dedupe, then
   * processed as the listener's are. `duplicate`: a replay, logged and not applied.
   */
  acceptParsed(postback: z.input<typeof parsedPostbackSchema>, source: PostbackSource): Promise<{ id: number; duplicate: boolean }>;
  /** Resolves when every accepted postback so far has been processed (tests, shutdown). */
  idle(): Promise<void>;
}

const sweepEveryMs = 60 * 60_000;
const restartKeys: readonly (keyof TrackerSettings)[] = ['enabled', 'host', 'port', 'maxBodyKb'];

/** The tracker's single entry point for the composition root. */
export function createTrackerService(deps: TrackerServiceDeps): TrackerService {
  const now = () => deps.clock.now();
  const log = deps.log;
  const config = new TrackerConfig(deps.db, deps.secrets, now, deps.settings);
  const clientLimiter = new RateLimiter(config.settings().rateLimitPerMinute, Date.now);
  const tokenLimiter = new RateLimiter(config.settings().tokenRateLimitPerMinute, Date.now);
  const strangers = new StrangerLog(now);
  let allowlist: { source: readonly string[]; list: IpAllowlist } | undefined;
  let listener: RunningListener | undefined;
  let error: AppMessage | null = null;
  let sweep: NodeJS.Timeout | undefined;
  let stopped = false;

  const processor = new PostbackProcessor({
    db: deps.db,
    writes: deps.writes,
    engine: deps.engine,
    now,
    log,
    pendingWindowMs: () => config.settings().pendingWindowDays * 86_400_000,
    onOutcome: (row) => deps.notify?.postback(row),
  });

  const status = (): TrackerStatus => {
    const s = config.settings();
    const localHost = s.host === '0.0.0.0' || s.host === '::' ? '127.0.0.1' : s.host;
    const tunnelStatus = tunnel.status();
    const local = listener ? `http://${localHost.includes(':') ? `[${localHost}]` : localHost}:${listener.port}` : '';
    const base = s.publicBaseUrl || (tunnelStatus.state === 'running' ? (tunnelStatus.url ?? '') : '') || local;
    return {
      enabled: s.enabled,
      listening: Boolean(listener),
      host: s.host,
      port: listener?.port ?? null,
      error,
      endpoint: base ? `${base.replace(/\/+$/, '')}/pb/${config.pathToken()}` : null,
      pending: countPending(deps.db),
      strangers: strangers.snapshot(),
      tunnel: tunnelStatus,
    };
  };
  const intakeDeps: IntakeDeps = {
    db: deps.db,
    writes: deps.writes,
    now,
    settings: () => config.settings(),
    onAccepted: (id) => processor.enqueue(id),
    onLogged: (row) => deps.notify?.postback(row),
  };
  const receive = (request: PostbackRequest) => receivePostback(intakeDeps, request);
  const pruneLog = () => deps.writes.run(() => prunePostbacks(deps.db, now() - config.settings().logRetentionDays * 86_400_000));
  const housekeeping = async () => {
    await processor.expire();
    const pruned = await pruneLog();
    if (pruned) log.info('postback log pruned', { rows: pruned });
  };
  const announce = () => deps.notify?.status(status());
  const tunnel = new QuickTunnel(() => announce());

  const listen = async (): Promise<void> => {
    const s = config.settings();
    if (!s.enabled || stopped) return;
    try {
      listener = await startPostbackListener(
        {
          log,
          now,
          settings: () => config.settings(),
          tokenMatches: (token) => config.tokenMatches(token),
          clientLimiter,
          tokenLimiter,
          allowlist: () => {
            const entries = config.settings().allowedIps;
            if (allowlist?.source !== entries) allowlist = { source: entries, list: createIpAllowlist(entries) };
            return allowlist.list;
          },
          // A quick tunnel started from the Tracker page is cloudflared in front, whatever the setting.
          frontProxy: () => (tunnel.status().state === 'running' ? 'cloudflared' : config.settings().frontProxy),
          strangers,
          receive,
          timeouts: deps.timeouts,
        },
        s.host,
        s.port,
      );
      error = null;
      log.info('postback listener started', { host: s.host, port: listener.port });
      if (s.host !== '127.0.0.1' && s.host !== '::1' && s.host !== 'localhost') log.warn('postback listener is reachable from other machines', { host: s.host });
    } catch (e) {
      // A taken port must not stop the app: the Tracker page shows why and offers another port.
      const code = (e as { code?: unknown } | null)?.code;
      error = code === 'EADDRINUSE' ? msg('portTaken', { port: s.port }) : msg('listenerFailed', { detail: e instanceof Error ? e.message : String(e) });
      log.warn('postback listener could not start', { host: s.host, port: s.port, error: e });
    }
  };
  const close = async (): Promise<void> => {
    const running = listener;
    listener = undefined;
    await running?.close();
  };
  const restart = async (): Promise<TrackerStatus> => {
    await close();
    await listen();
    announce();
    return status();
  };

  const service: TrackerService = {
    async start() {
      stopped = false;
      config.pathToken(); // created on first start, so the Tracker page always has a URL to show
      const recovered = await processor.recover();
      if (recovered) log.info('postbacks recovered', { count: recovered });
      await pruneLog();
      sweep = setInterval(() => void housekeeping().catch((e: unknown) => log.error('postback housekeeping failed', { error: e })), sweepEveryMs);
      sweep.unref();
      return restart();
    },
    async stop() {
      stopped = true;
      tunnel.stop();
      if (sweep) clearInterval(sweep);
      await close();
      await processor.idle();
    },
    status,
    config,
    settingsChanged: async (before, after) => {
      clientLimiter.setLimit(after.rateLimitPerMinute);
      tokenLimiter.setLimit(after.tokenRateLimitPerMinute);
      if (restartKeys.some((k) => before[k] !== after[k])) await restart();
    },
    tokenChanged: announce,
    async startTunnel() {
      if (!listener) throw new AppFailure('unavailable', msg('listenerNotRunning'));
      try {
        await tunnel.start(`http://127.0.0.1:${listener.port}`);
      } catch (e) {
        throw new AppFailure('unavailable', e instanceof TunnelError ? e.detail : msg('tunnelFailed', { detail: e instanceof Error ? e.message : String(e) }));
      }
      return status();
    },
    stopTunnel() {
      tunnel.stop();
      return status();
    },
    attributeInbound: (leadId, text) => {
      const s = config.settings();
      return attributeInbound(deps.db, leadId, text, { pattern: s.campaignPattern, organic: s.organicClickIds, now: now() });
    },
    receivePostback: receive,
    pruneLog,
    applyPendingPostbacks: (leadId) => processor.applyPending(leadId),
    sendEvent: (request) => sendTrackerEvent({ db: deps.db, writes: deps.writes, engine: deps.engine, now, log }, request),
    acceptParsed: (postback, source) => acceptParsedPostback(intakeDeps, postback, source),
    idle: () => processor.idle(),
  };
  return service;
}
