import { gunzipSync } from 'node:zlib';
import type { Socket } from 'node:net';
import { bigInt, type BigInteger } from '../../telegram/bigInteger';
import { Api } from 'teleproto';
import { BinaryReader } from 'teleproto/extensions/index.js';
import { readBigIntFromBuffer, readBufferFromBigInt } from 'teleproto/Helpers.js';
import { int32, long, RPC_RESULT_ID, uint32 } from './bytes';
import { KeyExchange } from './keyExchange';
import { decryptFromClient, encryptForClient } from './messageCrypto';
import type { AuthKeyRecord, RpcReply } from './rpc';
import { TcpFullDecoder, TcpFullEncoder } from './tcpFull';

const MSG_CONTAINER_ID = 0x73f1f8dc;
const GZIP_PACKED_ID = 0x3072cfa1;

/** What a connection needs from the server: auth keys, RPC dispatch and error reporting. */
export interface ConnectionHost {
  /** A key made by the DH exchange on this connection's data centre. */
  registerAuthKey(key: Buffer, keyId: string, dcId: number): void;
  /** The key, if this data centre knows it (auth keys are per DC, as in Telegram). */
  authKey(keyId: string, dcId: number): AuthKeyRecord | undefined;
  /** Runs one RPC; resolves to the reply bytes and how long to hold the answer back. */
  dispatch(conn: Connection, request: object): Promise<{ reply: RpcReply | Api.RpcError; delayMs: number }>;
  onConnectionError(conn: Connection, error: unknown): void;
  /** Counts service-layer traffic so tests can see which paths the client really exercised. */
  noteServiceMessage(kind: ServiceMessageKind): void;
  /** The client described itself (initConnection): device, system and app version, languages. */
  noteInitConnection(conn: Connection, init: Api.InitConnection): void;
}

export type ServiceMessageKind = 'container' | 'gzip' | 'ack' | 'ping';

/**
 * One client TCP connection: framing, the plain key exchange, MTProto 2.0 sessions and the service
 * layer (containers, gzip, acks, pings, invokeWithLayer/initConnection wrappers, rpc_result). RPC
 * semantics live in the handlers. Messages are processed one at a time in arrival order, so world
 * changes happen in the order the client sent them; only answers may be delayed.
 */
export class Connection {
  /** The auth key this connection encrypts with, once it sent an encrypted message. */
  auth: AuthKeyRecord | undefined;
  /**
   * True once a non-upload RPC arrived. teleproto's download connection (an "exported sender")
   * has no update handler, so pushes go only to connections that made other calls.
   */
  wantsUpdates = false;
  private readonly decoder = new TcpFullDecoder();
  private readonly encoder = new TcpFullEncoder();
  private readonly keyExchange: KeyExchange;
  private chain: Promise<void> = Promise.resolve();
  private sessionId: Buffer | undefined;
  private salt = Buffer.alloc(8);
  private lastMsgId = 0n;
  private lastClientMsgId = '0';
  private seq = 0;
  private closed = false;

  constructor(
    readonly socket: Socket,
    private readonly host: ConnectionHost,
    /** The data centre this listener plays. */
    readonly dcId: number,
  ) {
    this.keyExchange = new KeyExchange((key) => {
      if (key.keyId === undefined) throw new Error('auth key without id');
      const bytes = key.getKey();
      // Telegram knows a key's DC by the address it was made on; here each DC has its own port.
      if (bytes) host.registerAuthKey(bytes, key.keyId.toString(), dcId);
    });
    socket.on('data', (data) => this.onData(data));
    socket.on('close', () => (this.closed = true));
    socket.on('error', () => undefined); // resets are normal when a client goes away
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Pushes a server-initiated Updates object (msg_id ≡ 3 mod 4). */
  push(updates: Api.TypeUpdates): void {
    this.sendEncrypted(updates.getBytes(), true, false);
  }

  /** new_session_created out of the blue, as Telegram sends when it lost the session's state. */
  announceNewSession(): void {
    const created = new Api.NewSessionCreated({ firstMsgId: bigInt(this.lastClientMsgId), uniqueId: bigInt(Date.now()), serverSalt: bigInt(0) });
    this.sendEncrypted(created.getBytes(), false, false);
  }

  kill(): void {
    this.closed = true; // at once, so no push lands on it before the 'close' event
    this.socket.destroy();
  }

  private onData(data: Buffer): void {
    let payloads: Buffer[];
    try {
      payloads = this.decoder.push(data);
    } catch (e) {
      this.fail(e);
      return;
    }
    for (const payload of payloads) {
      this.chain = this.chain.then(() => this.onPayload(payload)).catch((e: unknown) => this.fail(e));
    }
  }

  private fail(error: unknown): void {
    this.host.onConnectionError(this, error);
    this.socket.destroy();
  }

  private async onPayload(payload: Buffer): Promise<void> {
    if (payload.readBigUInt64LE(0) === 0n) await this.onPlain(payload);
    else await this.onEncrypted(payload);
  }

  /** auth_key_id = 0 | msg_id | length | body: only the key exchange travels unencrypted. */
  private async onPlain(payload: Buffer): Promise<void> {
    const len = payload.readInt32LE(16);
    const request: unknown = new BinaryReader(payload.subarray(20, 20 + len)).tgReadObject();
    const body = (await this.keyExchange.handle(request)).getBytes();
    const head = Buffer.alloc(20);
    head.writeBigUInt64LE(this.nextMsgId(true), 8);
    head.writeInt32LE(body.length, 16);
    this.write(Buffer.concat([head, body]));
  }

  private async onEncrypted(payload: Buffer): Promise<void> {
    const keyId = readBigIntFromBuffer(payload.subarray(0, 8)).toString(); // unsigned LE, like AuthKey.keyId
    const auth = this.host.authKey(keyId, this.dcId);
    if (!auth) {
      // Transport error -404: unknown auth key. teleproto logs it but never re-keys (see README).
      this.write(int32(-404));
      return;
    }
    this.auth = auth;
    const plain = decryptFromClient(auth.key, payload.subarray(8, 24), payload.subarray(24));
    this.salt = Buffer.from(plain.subarray(0, 8)); // any salt is accepted and echoed back
    const sessionId = plain.subarray(8, 16);
    const msgId = readBigIntFromBuffer(plain.subarray(16, 24), true, true);
    const len = plain.readInt32LE(28);
    this.lastClientMsgId = msgId.toString();
    if (!this.sessionId?.equals(sessionId)) {
      // A new session (first message, or teleproto's reconnect which resets session_id and seq).
      this.sessionId = Buffer.from(sessionId);
      this.seq = 0;
      const created = new Api.NewSessionCreated({ firstMsgId: msgId, uniqueId: bigInt(Date.now()), serverSalt: bigInt(0) });
      this.sendEncrypted(created.getBytes(), false, false);
    }
    await this.onMessage(msgId, plain.subarray(32, 32 + len));
  }

  private async onMessage(msgId: BigInteger, body: Buffer): Promise<void> {
    const constructorId = body.readUInt32LE(0);
    if (constructorId === MSG_CONTAINER_ID) {
      this.host.noteServiceMessage('container');
      // msg_container: count, then msg_id(8) | seqno(4) | bytes(4) | body for each message.
      const count = body.readInt32LE(4);
      let offset = 8;
      for (let i = 0; i < count; i++) {
        const innerId = readBigIntFromBuffer(body.subarray(offset, offset + 8), true, true);
        const innerLen = body.readInt32LE(offset + 12);
        await this.onMessage(innerId, body.subarray(offset + 16, offset + 16 + innerLen));
        offset += 16 + innerLen;
      }
      return;
    }
    if (constructorId === GZIP_PACKED_ID) {
      this.host.noteServiceMessage('gzip');
      const packed = new BinaryReader(body.subarray(4)).tgReadBytes();
      await this.onMessage(msgId, gunzipSync(packed));
      return;
    }
    const obj: unknown = new BinaryReader(body).tgReadObject();
    await this.onObject(msgId, obj);
  }

  private async onObject(msgId: BigInteger, obj: unknown): Promise<void> {
    if (obj instanceof Api.MsgsAck) {
      this.host.noteServiceMessage('ack');
      return;
    }
    if (obj instanceof Api.Ping || obj instanceof Api.PingDelayDisconnect) {
      this.host.noteServiceMessage('ping');
      // A bare pong; teleproto matches it to the ping by msg_id.
      this.sendEncrypted(new Api.Pong({ msgId, pingId: obj.pingId }).getBytes(), false, true);
      return;
    }
    const init = findInit(obj);
    if (init) this.host.noteInitConnection(this, init);
    const request = unwrap(obj);
    if (typeof request !== 'object' || request === null) throw new Error('unexpected non-object message');
    if (!('className' in request) || !String(request.className).startsWith('upload.')) this.wantsUpdates = true;
    // Not awaited: like Telegram, a call still being processed (a held send) does not hold the
    // connection's later calls or pings back. Handlers run their checks synchronously, in order.
    void this.host.dispatch(this, request).then(({ reply, delayMs }) => {
      const bytes = Buffer.isBuffer(reply) ? reply : reply.getBytes();
      const result = Buffer.concat([uint32(RPC_RESULT_ID), long(msgId), bytes]);
      if (delayMs > 0) setTimeout(() => this.sendEncrypted(result, true, true), delayMs);
      else this.sendEncrypted(result, true, true);
    }, (e: unknown) => this.fail(e));
  }

  private sendEncrypted(body: Buffer, contentRelated: boolean, isResponse: boolean): void {
    if (this.closed || !this.auth || !this.sessionId) return;
    const seqno = contentRelated ? this.seq++ * 2 + 1 : this.seq * 2;
    const head = Buffer.alloc(16);
    head.writeBigUInt64LE(this.nextMsgId(isResponse), 0);
    head.writeInt32LE(seqno, 8);
    head.writeInt32LE(body.length, 12);
    const plain = Buffer.concat([this.salt, this.sessionId, head, body]);
    const keyId = readBufferFromBigInt(bigInt(this.auth.keyId), 8);
    this.write(Buffer.concat([keyId, encryptForClient(this.auth.key, plain)]));
  }

  /** Server msg_ids: about unixtime·2^32, strictly increasing, ≡ 1 mod 4 for answers and 3 for pushes. */
  private nextMsgId(isResponse: boolean): bigint {
    let id = (BigInt(Date.now()) << 32n) / 1000n;
    id = id - (id % 4n) + (isResponse ? 1n : 3n);
    while (id <= this.lastMsgId) id += 4n;
    this.lastMsgId = id;
    return id;
  }

  private write(payload: Buffer): void {
    if (!this.closed) this.socket.write(this.encoder.encode(payload));
  }
}

/** Strips invokeWithLayer / initConnection / invokeAfterMsg / invokeWithoutUpdates down to the method. */
function unwrap(obj: unknown): unknown {
  let current = obj;
  while (
    current instanceof Api.InvokeWithLayer ||
    current instanceof Api.InitConnection ||
    current instanceof Api.InvokeAfterMsg ||
    current instanceof Api.InvokeAfterMsgs ||
    current instanceof Api.InvokeWithoutUpdates
  ) {
    current = current.query;
  }
  return current;
}

function findInit(obj: unknown): Api.InitConnection | undefined {
  let current = obj;
  while (current instanceof Api.InvokeWithLayer || current instanceof Api.InvokeWithoutUpdates) current = current.query;
  return current instanceof Api.InitConnection ? current : undefined;
}
