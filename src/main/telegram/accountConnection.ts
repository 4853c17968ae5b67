import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Api, TelegramClient } from 'teleproto';
import { CustomFile } from 'teleproto/client/uploads.js';
import { Raw } from 'teleproto/events/index.js';
import { UpdateConnectionState } from 'teleproto/network/index.js';
import type { AccountStatus, HumanSettings } from '../../shared/rpc/accounts';
import { accountScriptId, telegramAccount, type TelegramAccountRow } from '../db/repositories/accountsRepo';
import { knownPeer, loadUpdateState, markOutgoingRead, saveUpdateState } from '../db/repositories/telegramStateRepo';
import { createTelegramClient } from './clientFactory';
import { ensureDeviceProfile } from './deviceProfile';
import { readHumanSettings } from './humanSettings';
import { InboundDelivery } from './inboundDelivery';
import { downloadIncomingMedia } from './mediaDownloader';
import { outgoingMediaFile } from '../media/mediaLibrary';
import { onNewServerSession } from './newSessionHook';
import { OutboxSender } from './outboxSender';
import { clientProxy } from './proxySettings';
import { bannedErrors, describeError, loggedOutErrors, telegramErrorName } from './telegramErrors';
import type { TelegramContext } from './telegramContext';
import { UpdateProcessor } from './updateProcessor';

/**
 * One signed-in account at run time: its teleproto client, its update processor (live updates and
 * catch-up) and its outbox sender, and the status the UI shows. Built from the account row;
 * a settings change is applied by stopping it and starting a new one.
 */
export class AccountConnection {
  private client: TelegramClient | undefined;
  private selfId = '';
  private status: AccountStatus = 'offline';
  private connected = false;
  private stopped = false;
  private gaveUpTransiently = false;
  private human: HumanSettings;
  /** Message ids our own sends got in this run (to tell them from the owner's messages). */
  private readonly ownSends = new Set<number>();
  readonly processor: UpdateProcessor;
  readonly sender: OutboxSender;
  readonly inbound: InboundDelivery;

  constructor(
    readonly accountId: number,
    private readonly ctx: TelegramContext,
  ) {
    const { db, writes, clock } = ctx;
    const log = ctx.log.child(`account${accountId}`);
    this.human = this.readHuman();
    this.inbound = new InboundDelivery({
      accountId,
      db,
      writes,
      engine: ctx.engine,
      clock,
      log,
      ...(ctx.tracker ? { tracker: ctx.tracker } : {}),
      scriptId: () => accountScriptId(db, accountId),
      download: (peerId, media) =>
        downloadIncomingMedia(
          {
            download: (message) => this.requireClient().downloadMedia(message, {}),
            invoke: (request) => this.requireClient().invoke(request),
            dir: join(ctx.dataDir, 'media', String(accountId)),
            log,
            ...(ctx.downloadTimeoutMs === undefined ? {} : { timeoutMs: ctx.downloadTimeoutMs }),
          },
          peerId,
          media,
        ),
      ownerRepliesTakeOver: () => this.human.ownerRepliesTakeOver,
      isOwnSend: (id) => this.ownSends.has(id),
      turnDone: () => this.sender.poke(),
    });
    this.processor = new UpdateProcessor({
      invoke: (request) => this.requireClient().invoke(request),
      selfId: () => this.selfId,
      isKnownPeer: (peerId) => !!knownPeer(db, accountId, peerId)?.accessHash,
      deliver: (candidates) => Promise.resolve(this.inbound.deliver(candidates)),
      readOutbox: async (peerId, maxId) => {
        const leadId = await writes.run(() => markOutgoingRead(db, accountId, peerId, maxId));
        // The open chat shows "read" live, like "sent".
        if (leadId !== undefined) ctx.leadActivity?.(leadId, 'changed');
      },
      accountLost: (error) => void this.lost(error),
      loadState: () => loadUpdateState(db, accountId),
      saveState: (state) => writes.run(() => saveUpdateState(db, accountId, state)),
      log,
      ...(ctx.quietCatchUpMs === undefined ? {} : { quietMs: ctx.quietCatchUpMs }),
    });
    this.sender = new OutboxSender({
      accountId,
      db,
      writes,
      clock,
      log,
      human: () => this.human,
      invoke: (request) => this.requireClient().invoke(request),
      ...(ctx.sendCallTimeoutMs === undefined ? {} : { callTimeoutMs: ctx.sendCallTimeoutMs }),
      upload: async (path) => {
        const file = outgoingMediaFile(ctx.dataDir, path);
        return this.requireClient().uploadFile({ file: new CustomFile(file.split(/[\\/]/).pop() ?? 'file', (await stat(file)).size, file), workers: 1 });
      },
      online: () => this.connected && (this.status === 'online' || this.status === 'flood_limited'),
      stopLead: (leadId, reason, details) => ctx.engine.stopLead(leadId, reason, details),
      ownPts: (pts, count) => this.processor.ownPts(pts, count),
      floodLimited: (until, reason) => this.setStatus(until === null ? 'online' : 'flood_limited', until === null ? null : (reason ?? 'FLOOD_WAIT'), until),
      sentMessage: (id) => this.ownSends.add(id),
      accountLost: (error) => void this.lost(error),
      leadActivity: ctx.leadActivity,
      leadNeedsHuman: ctx.leadNeedsHuman,
    });
  }

  /** Connects, checks the session, catches up, starts sending. Resolves when online (or given up). */
  async start(): Promise<void> {
    const row = telegramAccount(this.ctx.db, this.accountId);
    if (!row) return;
    if (!row.enabled) return this.setStatus('disabled', null, null);
    if (!row.sessionEnc || !row.apiHashEnc || row.apiId === null) return this.setStatus('needs_login', 'NO_SESSION', null);
    this.setStatus('connecting', null, null);
    const client = this.createClient(row);
    this.client = client;
    client.addEventHandler((update: unknown) => this.onUpdate(update), new Raw({}));
    try {
      await client.connect();
      // Telegram lost the session's state (new_session_created): pushes may be lost, catch up.
      onNewServerSession(client, () => {
        if (!this.selfId || this.stopped) return;
        this.ctx.log.debug('telegram started a new session; fetching the difference', { accountId: this.accountId });
        void this.processor.catchUp().then(() => this.sender.poke());
      });
      const me = (await client.getMe()) as Api.User;
      this.selfId = me.id.toString();
    } catch (error) {
      return this.lost(error);
    }
    if (this.stopped) return;
    this.connected = true;
    const flooded = row.floodUntil !== null && row.floodUntil > this.ctx.clock.now();
    // A pause (FLOOD_WAIT, or PEER_FLOOD's longer one) outlives a restart, with its reason.
    this.setStatus(flooded ? 'flood_limited' : 'online', flooded ? (row.statusReason ?? 'FLOOD_WAIT') : null, flooded ? row.floodUntil : null);
    await this.processor.catchUp();
    this.sender.start(flooded ? row.floodUntil : null);
  }

  /** start() failed for a reason that may pass (network, a Telegram hiccup): worth starting again later. */
  get failedTransiently(): boolean {
    return this.gaveUpTransiently;
  }

  /** The operator lifts a PEER_FLOOD / FLOOD_WAIT pause. */
  resumeSending(): void {
    this.sender.resume();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.inbound.stop();
    this.processor.stop();
    this.sender.stop();
    const client = this.client;
    this.client = undefined;
    await client?.destroy().catch(() => undefined);
  }

  /** Settings (human) changed in the db; connection settings need a restart instead. */
  reloadHuman(): void {
    this.human = this.readHuman();
    this.sender.poke();
  }

  private readHuman(): HumanSettings {
    return readHumanSettings(telegramAccount(this.ctx.db, this.accountId)?.human ?? '{}');
  }

  private createClient(row: TelegramAccountRow): TelegramClient {
    const { secrets } = this.ctx;
    // Secrets are opened only to hand them to the client; they never reach a log or an RPC result.
    return createTelegramClient(
      {
        session: secrets.open(row.sessionEnc as Buffer),
        apiId: row.apiId as number,
        apiHash: secrets.open(row.apiHashEnc as Buffer),
        proxy: clientProxy(row.proxy, secrets),
        device: ensureDeviceProfile(this.ctx.db, row),
      },
      this.ctx.clientOptions,
    );
  }

  private requireClient(): TelegramClient {
    if (!this.client) throw new Error('The account is not connected');
    return this.client;
  }

  private onUpdate(update: unknown): void {
    if (this.stopped) return;
    if (update instanceof UpdateConnectionState) {
      if (!this.selfId) return; // the first connect is handled by start()
      if (update.state === UpdateConnectionState.connected) {
        this.connected = true;
        if (this.status === 'offline') this.setStatus('online', null, null);
        // Whatever arrived while the socket was down only comes back through getDifference.
        void this.processor.catchUp().then(() => this.sender.poke());
      } else {
        this.connected = false;
        if (this.status === 'online') this.setStatus('offline', 'CONNECTION_LOST', null);
      }
      return;
    }
    if (this.selfId) this.processor.live(update);
  }

  private async lost(error: unknown): Promise<void> {
    const name = telegramErrorName(error);
    if (name && loggedOutErrors.has(name)) this.setStatus('needs_login', name, null);
    else if (name && bannedErrors.has(name)) this.setStatus('banned', name, null);
    else {
      // A Telegram error's name is shown as a code the UI explains; anything else (network) as a plain "could not connect", its details in the log.
      this.setStatus('offline', name ? describeError(error) : 'CONNECTION_FAILED', null);
      this.gaveUpTransiently = true;
    }
    this.connected = false;
    this.ctx.log.warn('account connection lost', { accountId: this.accountId, error: describeError(error) });
    await this.stop();
  }

  private setStatus(status: AccountStatus, reason: string | null, floodUntil: number | null): void {
    if (this.stopped && status !== 'disabled') return;
    this.status = status;
    this.ctx.statusChanged({ accountId: this.accountId, status, statusReason: reason, floodUntil });
  }
}
