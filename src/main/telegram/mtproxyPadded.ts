import { createCipheriv, createHash, randomBytes, randomInt, type Cipher } from 'node:crypto';
import { AbridgedPacketCodec } from 'teleproto/network/connection/TCPAbridged.js';
import { TCPMTProxy } from 'teleproto/network/connection/TCPMTProxy.js';

/**
 * MTProxy with a `dd` secret: the obfuscated2 transport over *padded intermediate* framing
 * (tag 0xdddddddd, each packet followed by 0–15 random bytes), as Telegram's transport docs
 * require for `dd` secrets. teleproto strips the `dd` and still speaks abridged (0xefefefef),
 * which a proxy running in random-padding-only mode drops; this connection class fills that gap.
 * Plain secrets keep teleproto's own abridged MTProxy connection.
 */

const paddedTag = Buffer.from('dddddddd', 'hex');

/** A `dd` secret as the user typed it (hex, 34 characters). */
export function isPaddedSecret(secret: string): boolean {
  return /^dd[0-9a-f]{32}$/i.test(secret);
}

/** Where an MTProto payload really ends inside a padded frame (the padding is not part of it). */
export function unpaddedLength(frame: Buffer): number {
  if (frame.length < 24) return frame.length; // transport error codes (4 bytes) and the like
  // Plain message: auth_key_id = 0, then msg_id and the body's declared length.
  if (frame.readBigUInt64LE(0) === 0n) return Math.min(frame.length, 20 + frame.readUInt32LE(16));
  // Encrypted message: auth_key_id + msg_key, then AES-IGE blocks of 16 bytes.
  return 24 + Math.floor((frame.length - 24) / 16) * 16;
}

export interface ByteReader {
  read(n: number): Promise<Buffer>;
}

/** Largest padded frame accepted (Telegram's own packets stay far below; a bigger length is garbage or hostile). */
export const maxPaddedFrame = 16 * 1024 * 1024;

/**
 * One padded-intermediate packet: a 4-byte length, the frame, padding cut off. A length over
 * `maxPaddedFrame` throws before anything is read or allocated: the connection is dropped (teleproto
 * reconnects) instead of waiting for, and buffering, up to 2 GiB a proxy claims to send.
 */
export async function readPaddedPacket(reader: ByteReader): Promise<Buffer> {
  const length = (await reader.read(4)).readUInt32LE(0) & 0x7fffffff;
  if (length > maxPaddedFrame) throw new Error(`MTProxy: a packet of ${length} bytes is over the ${maxPaddedFrame}-byte limit; dropping the connection`);
  const frame = await reader.read(length);
  return frame.subarray(0, unpaddedLength(frame));
}

class PaddedIntermediateCodec extends AbridgedPacketCodec {
  static override obfuscateTag = paddedTag;

  override encodePacket(data: Buffer): Buffer<ArrayBuffer> {
    const padding = randomBytes(randomInt(0, 16));
    const head = Buffer.alloc(4);
    head.writeUInt32LE(data.length + padding.length, 0);
    return Buffer.concat([head, data, padding]);
  }

  override readPacket(reader: ByteReader): Promise<Buffer> {
    return readPaddedPacket(reader);
  }
}

/** First four bytes a client must never start with: they would look like HTTP, TLS or another transport. */
const forbiddenStarts = ['44414548', '54534f50', '20544547', '4954504f', '16030102', 'dddddddd', 'eeeeeeee'].map((h) => Buffer.from(h, 'hex'));

/** The 64-byte obfuscated2 init and the two AES-256-CTR streams (Telegram's transport docs). */
class PaddedMTProxyIO {
  header: Buffer | undefined;
  private readonly socket: { readExactly(n: number): Promise<Buffer>; write(data: Buffer): void };
  private readonly secret: Buffer;
  private readonly dcId: number;
  private encryptor: Cipher | undefined;
  private decryptor: Cipher | undefined;

  constructor(connection: TCPMTProxy) {
    this.socket = connection.socket as unknown as PaddedMTProxyIO['socket'];
    this.secret = connection._secret.length === 17 ? connection._secret.subarray(1) : connection._secret;
    this.dcId = connection._dcId;
  }

  initHeader(): Promise<void> {
    if (this.secret.length !== 16) throw new Error('MTProxy secret must be 16 bytes (32 hex characters) after dd');
    let init: Buffer;
    do init = randomBytes(64);
    while (init[0] === 0xef || forbiddenStarts.some((s) => s.equals(init.subarray(0, 4))) || init.readUInt32LE(4) === 0);
    paddedTag.copy(init, 56);
    init.writeInt16LE(this.dcId, 60);
    const reversed = Buffer.from(init.subarray(8, 56)).reverse();
    this.encryptor = createCipheriv('aes-256-ctr', sha256(init.subarray(8, 40), this.secret), init.subarray(40, 56));
    this.decryptor = createCipheriv('aes-256-ctr', sha256(reversed.subarray(0, 32), this.secret), reversed.subarray(32, 48));
    // The whole init goes through the client's stream cipher; only its last 8 bytes are sent encrypted.
    const encrypted = this.encryptor.update(init);
    this.header = Buffer.concat([init.subarray(0, 56), encrypted.subarray(56, 64)]);
    return Promise.resolve();
  }

  async read(n: number): Promise<Buffer> {
    if (!this.decryptor) throw new Error('MTProxy: read before the init header');
    return this.decryptor.update(await this.socket.readExactly(n));
  }

  write(data: Buffer): void {
    if (!this.encryptor) throw new Error('MTProxy: write before the init header');
    this.socket.write(this.encryptor.update(data));
  }
}

function sha256(...parts: Buffer[]): Buffer {
  const hash = createHash('sha256');
  for (const p of parts) hash.update(p);
  return hash.digest();
}

/** teleproto connection class for `dd` secrets (set as the client's `_connection`, see clientFactory.ts). */
export class ConnectionTCPMTProxyPadded extends TCPMTProxy {
  override PacketCodecClass = PaddedIntermediateCodec;

  constructor(params: ConstructorParameters<typeof TCPMTProxy>[0]) {
    super(params);
    this.ObfuscatedIO = PaddedMTProxyIO as unknown as TCPMTProxy['ObfuscatedIO'];
  }
}
