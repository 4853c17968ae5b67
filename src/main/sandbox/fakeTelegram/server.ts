import { randomBytes } from 'node:crypto';
import { bigInt } from '../../telegram/bigInteger';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { Api } from 'teleproto';
import { AuthKey } from 'teleproto/crypto/AuthKey.js';
import { Connection, type ConnectionHost, type ServiceMessageKind } from './connection';
import { Faults } from './faults';
import { allHandlers } from './handlers';
import { RpcFailure, targetUserId, type AuthKeyRecord, type InitConnectionRecord, type RpcContext, type RpcReply } from './rpc';
import { registerDcPorts } from './clientHooks';
import { channelPush, DC_ID, dcAddress, otherDcIds, pushFor, readOutboxUpdate } from './tlViews';
import { World, type WorldEvent } from './world';
import { normalizePhone } from './account';

/** What a client said about itself in initConnection (Telegram shows it under Settings → Devices). */
export interface DeviceRecord {
  deviceModel: string;
  systemVersion: string;
  appVersion: string;
  langCode: string;
  systemLangCode: string;
  langPack: string;
  apiId: number;
}

/** One RPC the server answered, for assertions ("was readHistory called?"). */
export interface CallRecord {
  method: string;
  /** The signed-in account's phone, when there was one. */
  phone: string | undefined;
  error: string | undefined;
}

/**
 * The fake Telegram data centre: a TCP listener on 127.0.0.1, the auth keys it has issued, and the
 * bridge between connections, RPC handlers, fault injection and the world. Auth keys live as long
 * as the server, so a StringSession saved by one client works for the next one (teleproto hangs on
 * an unknown key instead of making a new one).
 */
export class FakeTelegramServer implements ConnectionHost {
  readonly world = new World();
  readonly faults = new Faults();
  readonly calls: CallRecord[] = [];
  /** Every initConnection seen, in order. */
  readonly devices: DeviceRecord[] = [];
  /** Errors that broke a connection (bad frames, unexpected messages); tests can assert it stays empty. */
  readonly connectionErrors: unknown[] = [];
  /** How many containers, gzip_packed, msgs_ack and pings the clients sent. */
  readonly serviceMessages: Record<ServiceMessageKind, number> = { container: 0, gzip: 0, ack: 0, ping: 0 };
  private readonly handlers = allHandlers();
  private readonly authKeys = new Map<string, AuthKeyRecord>();
  private readonly connections = new Set<Connection>();
  private readonly unsubscribe: () => void;
  private listener: Server | undefined;
  /** The other data centres' listeners (otherDcIds): accounts at home there, media stored there. */
  private readonly dcListeners = new Map<number, Server>();
  private acceptedCount = 0;
  private keyExchangeCount = 0;

  constructor() {
    this.unsubscribe = this.world.subscribe((e) => this.onWorldEvent(e));
  }

  /** Listens as DC 2 on `port` (0: any free port) and as DC 4 on a free port. Resolves to DC 2's port. */
  async listen(port = 0): Promise<number> {
    this.listener = await this.listenAs(DC_ID, port);
    // The other DCs (PHONE_MIGRATE, FILE_MIGRATE, QR login on the account's DC) each get a port of
    // their own, so a key made there belongs to that DC; clientHooks.ts routes `127.0.1.<dc>` to it.
    for (const dc of otherDcIds) this.dcListeners.set(dc, await this.listenAs(dc, 0));
    registerDcPorts(this.port, Object.fromEntries([...this.dcListeners].map(([dc, l]) => [dc, (l.address() as AddressInfo).port])));
    return this.port;
  }

  /** Where each data centre's address (as help.getConfig lists it) really listens: the client's socket redirect dials these. */
  dcRoutes(): Record<string, number> {
    const routes: Record<string, number> = { [dcAddress(DC_ID)]: this.port };
    for (const [dc, l] of this.dcListeners) {
      const address = l.address() as AddressInfo | null;
      if (address) routes[dcAddress(dc)] = address.port;
    }
    return routes;
  }

  private async listenAs(dcId: number, port: number): Promise<Server> {
    const server = createServer((socket) => {
      this.acceptedCount += 1;
      const conn = new Connection(socket, this, dcId);
      this.connections.add(conn);
      socket.on('close', () => this.connections.delete(conn));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    return server;
  }

  get port(): number {
    const address = this.listener?.address() as AddressInfo | null | undefined;
    if (!address) throw new Error('fake telegram: not listening');
    return address.port;
  }

  /** TCP connections accepted so far (a reconnect or a download connection adds one). */
  get acceptedConnections(): number {
    return this.acceptedCount;
  }

  /** Auth keys created through the DH key exchange (fixture keys not counted). */
  get keyExchanges(): number {
    return this.keyExchangeCount;
  }

  async close(): Promise<void> {
    this.unsubscribe();
    this.killAllSockets();
    const listener = this.listener;
    if (listener) registerDcPorts(this.port, undefined);
    for (const l of [listener, ...this.dcListeners.values()]) if (l) await new Promise<void>((resolve) => l.close(() => resolve()));
  }

  /** Destroys every client socket, as a network drop would; teleproto reconnects by itself. */
  killAllSockets(): void {
    for (const conn of this.connections) conn.kill();
  }

  /** Whether `phone` has a live connection that receives pushed updates. */
  hasUpdatesConnection(phone: string): boolean {
    return this.updateConnections(phone).length > 0;
  }

  /**
   * A ready-made auth key already signed in as `phone`, for fixture StringSessions: no RSA, DH or
   * login round trips. Returns the key teleproto's session should carry.
   */
  async preAuthorizedKey(phone: string): Promise<AuthKey> {
    const account = this.world.account(phone);
    const key = new AuthKey();
    await key.setKey(randomBytes(256));
    if (key.keyId === undefined) throw new Error('auth key without id');
    const bytes = key.getKey();
    if (!bytes) throw new Error('auth key without bytes');
    this.authKeys.set(key.keyId.toString(), { keyId: key.keyId.toString(), key: bytes, accountPhone: account.phone, dcId: account.homeDc });
    return key;
  }

  /**
   * A session this server issued for `phone`, as another client library would have saved it:
   * the DC and the 256-byte auth key (tests write it in Telethon, Pyrogram, tdata… form).
   * `pendingPassword`: the login stopped at the 2FA step, so every call answers SESSION_PASSWORD_NEEDED.
   */
  async issueSession(phone: string, options: { pendingPassword?: boolean } = {}): Promise<{ dcId: number; authKey: Buffer; keyId: string }> {
    const key = await this.preAuthorizedKey(phone);
    const keyId = (key.keyId as { toString(): string }).toString();
    const record = this.authKeys.get(keyId) as AuthKeyRecord;
    if (options.pendingPassword) {
      record.pendingPasswordPhone = record.accountPhone;
      delete record.accountPhone;
    }
    return { dcId: record.dcId ?? DC_ID, authKey: key.getKey() as Buffer, keyId };
  }

  /** Every signed-in session of `phone` with what its client said in initConnection (*Active sessions*). */
  activeSessions(phone: string): { keyId: string; dcId: number; initConnection: InitConnectionRecord | undefined }[] {
    const wanted = normalizePhone(phone);
    return [...this.authKeys.values()].filter((r) => r.accountPhone === wanted).map((r) => ({ keyId: r.keyId, dcId: r.dcId ?? DC_ID, initConnection: r.initConnection }));
  }

  /** "Terminate all sessions": every key signed in as `phone` is logged out (AUTH_KEY_UNREGISTERED). */
  terminateSessions(phone: string): void {
    const wanted = normalizePhone(phone);
    for (const record of this.authKeys.values()) if (record.accountPhone === wanted) delete record.accountPhone;
  }

  /** Telegram saw this key used from two places at once and killed it: 406 AUTH_KEY_DUPLICATED from now on. */
  markDuplicated(keyId: string): void {
    const record = this.authKeys.get(keyId);
    if (record) record.duplicated = true;
  }

  /**
   * The session is revoked from another device (`SESSION_REVOKED`), the key forgotten
   * (`AUTH_KEY_UNREGISTERED`) or the account banned (`USER_DEACTIVATED_BAN`): every later call of
   * the account's keys fails with it.
   */
  revoke(phone: string, error: 'AUTH_KEY_UNREGISTERED' | 'SESSION_REVOKED' | 'USER_DEACTIVATED_BAN' = 'SESSION_REVOKED'): void {
    this.world.account(phone).revoked = error;
  }

  /** Telegram restarted the account's sessions (new_session_created on every live connection). */
  newSessionCreated(phone: string): void {
    for (const conn of this.updateConnections(phone)) conn.announceNewSession();
  }

  callsTo(method: string): CallRecord[] {
    const wanted = method.toLowerCase();
    return this.calls.filter((c) => c.method.toLowerCase() === wanted);
  }

  // ----- ConnectionHost -----

  registerAuthKey(key: Buffer, keyId: string, dcId: number): void {
    this.keyExchangeCount += 1;
    this.authKeys.set(keyId, { keyId, key, dcId });
  }

  authKey(keyId: string, dcId: number): AuthKeyRecord | undefined {
    const record = this.authKeys.get(keyId);
    return record?.dcId === dcId ? record : undefined;
  }

  async dispatch(conn: Connection, request: object): Promise<{ reply: RpcReply | Api.RpcError; delayMs: number }> {
    const auth = conn.auth;
    if (!auth) throw new Error('RPC before an auth key');
    const method = 'className' in request ? String(request.className) : 'unknown';
    const record: CallRecord = { method, phone: auth.accountPhone, error: undefined };
    this.calls.push(record);
    const delayMs = this.faults.delayFor(method);
    const reply = await this.answer(method, request, this.context(auth, conn.dcId)).catch((e: unknown) => {
      if (!(e instanceof RpcFailure)) this.connectionErrors.push(e);
      const failure = e instanceof RpcFailure ? e : new RpcFailure(500, 'INTERNAL_SERVER_ERROR');
      record.error = failure.errorMessage;
      return new Api.RpcError({ errorCode: failure.code, errorMessage: failure.errorMessage });
    });
    return { reply, delayMs };
  }

  onConnectionError(_conn: Connection, error: unknown): void {
    this.connectionErrors.push(error);
  }

  noteInitConnection(_conn: Connection, init: Api.InitConnection): void {
    const { deviceModel, systemVersion, appVersion, langCode, systemLangCode, langPack, apiId } = init;
    this.devices.push({ deviceModel, systemVersion, appVersion, langCode, systemLangCode, langPack, apiId });
    // Per key too: *Active sessions* lists each session with the device it last described.
    if (_conn.auth) _conn.auth.initConnection = { apiId, deviceModel, systemVersion, appVersion, langCode, systemLangCode };
  }

  noteServiceMessage(kind: ServiceMessageKind): void {
    this.serviceMessages[kind] += 1;
  }

  // ----- internals -----

  private async answer(method: string, request: object, ctx: RpcContext): Promise<RpcReply> {
    const injected = this.faults.take(method, { peerUserId: targetUserId(request) });
    if (injected) throw new RpcFailure(injected.code, injected.message);
    const handler = this.handlers.find(request);
    if (!handler) throw new RpcFailure(400, `METHOD_NOT_IMPLEMENTED_${method.replace(/\W/g, '_').toUpperCase()}`);
    return handler(request, ctx);
  }

  private context(auth: AuthKeyRecord, dcId: number): RpcContext {
    const world = this.world;
    return {
      world,
      faults: this.faults,
      auth,
      dcId,
      account() {
        if (auth.duplicated) throw new RpcFailure(406, 'AUTH_KEY_DUPLICATED');
        if (auth.accountPhone === undefined && auth.pendingPasswordPhone !== undefined) throw new RpcFailure(401, 'SESSION_PASSWORD_NEEDED');
        const account = auth.accountPhone === undefined ? undefined : world.findAccount(auth.accountPhone);
        if (!account) throw new RpcFailure(401, 'AUTH_KEY_UNREGISTERED');
        if (account.banned) throw new RpcFailure(401, 'USER_DEACTIVATED_BAN');
        if (account.revoked) throw new RpcFailure(401, account.revoked);
        return account;
      },
    };
  }

  private updateConnections(phone: string): Connection[] {
    const wanted = normalizePhone(phone);
    return [...this.connections].filter((c) => !c.isClosed && c.wantsUpdates && c.auth?.accountPhone === wanted);
  }

  /**
   * New messages go to every live connection of the account. Nothing is queued for offline
   * clients, like Telegram: they must catch up with updates.getDifference.
   */
  private onWorldEvent(e: WorldEvent): void {
    if (e.kind === 'loginTokenAccepted') {
      // Only the client that exported the token hears that it was scanned.
      const update = new Api.UpdateShort({ update: new Api.UpdateLoginToken(), date: Math.floor(Date.now() / 1000) });
      for (const conn of this.connections) if (!conn.isClosed && conn.auth?.keyId === e.keyId) conn.push(update);
      return;
    }
    // A push Telegram never delivered: the client only learns of it through getDifference.
    if (e.kind !== 'tooLong' && this.faults.takeDroppedPush()) return;
    const updates =
      e.kind === 'newMessage'
        ? pushFor(this.world, e.account, e.message)
        : e.kind === 'channelMessage'
          ? channelPush(this.world, e.channel, e.fromUserId, e.text, e.id, e.date)
          : e.kind === 'readOutbox'
            ? new Api.UpdateShort({ update: readOutboxUpdate(e), date: Math.floor(Date.now() / 1000) })
          : e.kind === 'tooLong'
          ? new Api.UpdatesTooLong()
          : new Api.UpdateShortChatMessage({
            id: e.id,
            fromId: bigInt(e.fromUserId),
            chatId: bigInt(e.chatId),
            message: e.text,
            pts: e.pts,
            ptsCount: 1,
            date: e.date,
          });
    for (const conn of this.updateConnections(e.account.phone)) conn.push(updates);
  }
}
