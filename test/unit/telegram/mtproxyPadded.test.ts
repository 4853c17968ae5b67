import { describe, expect, it } from 'vitest';
// teleproto's connection classes need its package entry loaded first (as the app's client factory does).
import 'teleproto';
import { maxPaddedFrame, readPaddedPacket } from '../../../src/main/telegram/mtproxyPadded';

/** A byte stream as the connection gives it: `read(n)` takes the next n bytes; what was asked is kept. */
function stream(bytes: Buffer) {
  let at = 0;
  const asked: number[] = [];
  return {
    asked,
    read(n: number): Promise<Buffer> {
      asked.push(n);
      if (at + n > bytes.length) return Promise.reject(new Error(`only ${bytes.length - at} bytes left, ${n} asked`));
      const out = bytes.subarray(at, at + n);
      at += n;
      return Promise.resolve(out);
    },
  };
}
const lengthOf = (n: number): Buffer => {
  const head = Buffer.alloc(4);
  head.writeUInt32LE(n >>> 0, 0);
  return head;
};

describe('MTProxy padded intermediate: frame length', () => {
  it('reads a frame and cuts the padding off', async () => {
    const body = Buffer.concat([Buffer.alloc(24, 1), Buffer.alloc(32, 2)]); // encrypted: 24 + two AES blocks
    const s = stream(Buffer.concat([lengthOf(body.length + 5), body, Buffer.alloc(5, 9)]));
    expect(await readPaddedPacket(s)).toEqual(body);
  });

  it('drops the connection on a length over 16 MiB, before reading or allocating it', async () => {
    for (const length of [maxPaddedFrame + 1, 0x7fffffff, 0xffffffff]) {
      const s = stream(Buffer.concat([lengthOf(length), Buffer.alloc(64)]));
      await expect(readPaddedPacket(s)).rejects.toThrow(/over the 16777216-byte limit/);
      expect(s.asked).toEqual([4]);
    }
  });
});
