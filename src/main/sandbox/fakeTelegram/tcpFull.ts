import { crc32 } from 'teleproto/Helpers.js';
import { uint32 } from './bytes';

/**
 * MTProto "TCP Full" transport: `len:int32 | seq:int32 | payload | crc32`, little-endian, where len
 * counts the whole frame. It is teleproto's Node default (ConnectionTCPFull): no init tag and no
 * obfuscation. The client verifies our CRC but not our seq.
 */
export class TcpFullDecoder {
  private buffered = Buffer.alloc(0);

  /** Feeds received bytes; returns every complete payload. Throws on a corrupt frame. */
  push(data: Buffer): Buffer[] {
    this.buffered = Buffer.concat([this.buffered, data]);
    const payloads: Buffer[] = [];
    while (this.buffered.length >= 4) {
      const len = this.buffered.readUInt32LE(0);
      if (len < 12) throw new Error(`TCP Full: impossible frame length ${len}`);
      if (this.buffered.length < len) break;
      const frame = this.buffered.subarray(0, len);
      this.buffered = this.buffered.subarray(len);
      if (crc32(frame.subarray(0, len - 4)) !== frame.readUInt32LE(len - 4)) throw new Error('TCP Full: bad CRC');
      payloads.push(Buffer.from(frame.subarray(8, len - 4)));
    }
    return payloads;
  }
}

export class TcpFullEncoder {
  private seq = 0;

  encode(payload: Buffer): Buffer {
    const head = Buffer.alloc(8);
    head.writeUInt32LE(payload.length + 12, 0);
    head.writeInt32LE(this.seq++, 4);
    const body = Buffer.concat([head, payload]);
    return Buffer.concat([body, uint32(crc32(body))]);
  }
}
