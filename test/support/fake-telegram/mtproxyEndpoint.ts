import { createCipheriv, createHash, randomBytes, randomInt, type Decipher } from 'node:crypto';
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { TcpFullDecoder, TcpFullEncoder } from '../../../src/main/sandbox/fakeTelegram/tcpFull';

/**
 * A local MTProxy for tests, speaking the client side as Telegram's MTProxy does
 * (core.telegram.org/mtproto/mtproto-transports, "Transport obfuscation"): the client's first 64
 * bytes are its init; the proxy derives the keys from them and the secret (SHA-256 of init[8..40]
 * + secret, IV init[40..56]; the reverse direction from the reversed init[8..56]), decrypts the
 * init with AES-256-CTR and reads the protocol tag (init[56..60]) and the DC id (init[60..62]).
 * A wrong secret yields a garbage tag, and the connection is dropped, as a real proxy does.
 *
 * The fake DCs speak only TCP Full, so the proxy unframes the client's packets (abridged,
 * intermediate or padded intermediate, by tag) and reframes them as TCP Full towards the DC the
 * init names, and back. `paddingOnly` plays MTProxy's random-padding-only mode (`-R`), the mode a
 * `dd` secret is handed out for: any tag but 0xdddddddd is dropped.
 */

type Tag = 'abridged' | 'intermediate' | 'padded';
const tags: Record<string, Tag> = { efefefef: 'abridged', eeeeeeee: 'intermediate', dddddddd: 'padded' };

export interface MTProxyEndpoint {
  port: number;
  /** Bytes relayed between clients and the proxy, both ways (the init headers included). */
  relayed(): number;
  /** Each accepted connection: the DC it asked for and its framing. */
  accepted: { dcId: number; tag: Tag }[];
  /** Why connections were dropped (wrong secret, framing not allowed, unknown DC). */
  dropped: string[];
  close(): Promise<void>;
}

export interface MTProxyOptions {
  /** 16 bytes as 32 hex characters, without any dd/ee prefix (the server side never has one). */
  secret: string;
  /** The fake server's listener per DC id. */
  dcPorts: Readonly<Record<number, number>>;
  paddingOnly?: boolean;
}

function sha256(a: Buffer, b: Buffer): Buffer {
  return createHash('sha256').update(a).update(b).digest();
}

export async function startMTProxy(options: MTProxyOptions): Promise<MTProxyEndpoint> {
  const secret = Buffer.from(options.secret, 'hex');
  if (secret.length !== 16) throw new Error('MTProxy endpoint: the secret must be 16 bytes');
  let relayed = 0;
  const accepted: MTProxyEndpoint['accepted'] = [];
  const dropped: string[] = [];
  const sockets = new Set<Socket>();

  const server: Server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => undefined);
    let pending = Buffer.alloc(0);
    let session: ProxiedSession | undefined;
    client.on('data', (data: Buffer) => {
      relayed += data.length;
      if (session) return session.fromClient(data);
      pending = Buffer.concat([pending, data]);
      if (pending.length < 64) return;
      const init = pending.subarray(0, 64);
      const rest = pending.subarray(64);
      const reversed = Buffer.from(init.subarray(8, 56)).reverse();
      const decrypt = createCipheriv('aes-256-ctr', sha256(init.subarray(8, 40), secret), init.subarray(40, 56));
      const encrypt = createCipheriv('aes-256-ctr', sha256(reversed.subarray(0, 32), secret), reversed.subarray(32, 48));
      const plain = decrypt.update(init);
      const tag = tags[plain.subarray(56, 60).toString('hex')];
      const dcId = Math.abs(plain.readInt16LE(60));
      const dcPort = options.dcPorts[dcId];
      const refusal = !tag ? 'unknown protocol tag (wrong secret?)' : options.paddingOnly && tag !== 'padded' ? `${tag} framing refused: padding only` : dcPort === undefined ? `unknown DC ${dcId}` : undefined;
      if (refusal || !tag || dcPort === undefined) {
        dropped.push(refusal ?? 'refused');
        client.destroy();
        return;
      }
      accepted.push({ dcId, tag });
      session = new ProxiedSession(client, tag, decrypt, encrypt, dcPort, (n) => (relayed += n), sockets);
      if (rest.length) session.fromClient(rest);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    relayed: () => relayed,
    accepted,
    dropped,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** One client connection relayed to one DC: client framing ⇄ TCP Full. */
class ProxiedSession {
  private fromClientBuffer = Buffer.alloc(0);
  private readonly upstream: Socket;
  private readonly toDc = new TcpFullEncoder();
  private readonly fromDc = new TcpFullDecoder();

  constructor(
    private readonly client: Socket,
    private readonly tag: Tag,
    private readonly decrypt: Decipher,
    private readonly encrypt: Decipher,
    dcPort: number,
    private readonly count: (n: number) => void,
    sockets: Set<Socket>,
  ) {
    this.upstream = connect(dcPort, '127.0.0.1');
    sockets.add(this.upstream);
    this.upstream.on('error', () => client.destroy());
    this.upstream.on('close', () => {
      sockets.delete(this.upstream);
      client.destroy();
    });
    client.on('close', () => this.upstream.destroy());
    this.upstream.on('data', (data: Buffer) => {
      let payloads: Buffer[];
      try {
        payloads = this.fromDc.push(data);
      } catch {
        client.destroy();
        return;
      }
      for (const p of payloads) {
        const out = this.encrypt.update(this.frame(p));
        this.count(out.length);
        client.write(out);
      }
    });
  }

  fromClient(data: Buffer): void {
    this.fromClientBuffer = Buffer.concat([this.fromClientBuffer, this.decrypt.update(data)]);
    for (;;) {
      const packet = this.nextPacket();
      if (!packet) break;
      this.upstream.write(this.toDc.encode(packet));
    }
  }

  /** Takes one whole packet off the decrypted client stream, or undefined if it is not all here yet. */
  private nextPacket(): Buffer | undefined {
    const buf = this.fromClientBuffer;
    let headLength: number;
    let length: number;
    if (this.tag === 'abridged') {
      if (buf.length < 1) return undefined;
      const first = (buf[0] ?? 0) & 0x7f; // the high bit asks for a quick ack
      if (first < 0x7f) [headLength, length] = [1, first * 4];
      else {
        if (buf.length < 4) return undefined;
        [headLength, length] = [4, buf.readUIntLE(1, 3) * 4];
      }
    } else {
      if (buf.length < 4) return undefined;
      [headLength, length] = [4, buf.readUInt32LE(0) & 0x7fffffff];
    }
    if (buf.length < headLength + length) return undefined;
    const frame = buf.subarray(headLength, headLength + length);
    this.fromClientBuffer = buf.subarray(headLength + length);
    return Buffer.from(this.tag === 'padded' ? withoutPadding(frame) : frame);
  }

  private frame(payload: Buffer): Buffer {
    if (this.tag === 'abridged') {
      const words = payload.length / 4;
      if (words < 0x7f) return Buffer.concat([Buffer.from([words]), payload]);
      const head = Buffer.alloc(4);
      head[0] = 0x7f;
      head.writeUIntLE(words, 1, 3);
      return Buffer.concat([head, payload]);
    }
    const padding = this.tag === 'padded' ? randomBytes(randomInt(0, 16)) : Buffer.alloc(0);
    const head = Buffer.alloc(4);
    head.writeUInt32LE(payload.length + padding.length, 0);
    return Buffer.concat([head, payload, padding]);
  }
}

/**
 * The MTProto payload of a padded-intermediate frame, the way Telegram's side finds it (written here
 * from the transport docs, not shared with the client's reader, so a bug there fails the proxy tests):
 * a plain message (auth_key_id 0) declares its body length at byte 16; an encrypted one is
 * auth_key_id + msg_key (24 bytes) and whole 16-byte AES blocks, so the 0–15 padding bytes are the remainder.
 */
function withoutPadding(frame: Buffer): Buffer {
  if (frame.length < 24) return frame;
  const authKeyId = frame.subarray(0, 8);
  if (authKeyId.every((b) => b === 0)) return frame.subarray(0, 8 + 8 + 4 + frame.readUInt32LE(16));
  return frame.subarray(0, frame.length - ((frame.length - 24) % 16));
}
