import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Sha256 } from '../../../src/renderer/src/lib/sha256';

// The media upload's checksum is computed in the renderer piece by piece and checked in main with
// node:crypto: the two must agree for every length and however the bytes are split.

const node = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

describe('Sha256 (incremental, renderer)', () => {
  it('gives the FIPS 180-4 test vectors', () => {
    expect(new Sha256().hex()).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(new Sha256().update(new TextEncoder().encode('abc')).hex()).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(new Sha256().update(new TextEncoder().encode('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).hex()).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
  });

  it('agrees with node:crypto at every length around the block and padding edges', () => {
    for (let length = 0; length <= 200; length++) {
      const bytes = randomBytes(length);
      expect(new Sha256().update(bytes).hex(), `length ${length}`).toBe(node(bytes));
    }
  });

  it('agrees with node:crypto however the input is split into pieces', () => {
    for (let round = 0; round < 50; round++) {
      const bytes = randomBytes(1 + Math.floor(Math.random() * 5000));
      const hash = new Sha256();
      for (let at = 0; at < bytes.length; ) {
        const next = Math.min(bytes.length, at + Math.floor(Math.random() * 300));
        hash.update(bytes.subarray(at, next));
        at = next;
      }
      expect(hash.hex()).toBe(node(bytes));
    }
    const big = randomBytes(9 * 1024 * 1024 + 7);
    const hash = new Sha256();
    for (let at = 0; at < big.length; at += 4 * 1024 * 1024) hash.update(big.subarray(at, at + 4 * 1024 * 1024));
    expect(hash.hex()).toBe(node(big));
  });

  it('cannot be fed after it is finished', () => {
    const hash = new Sha256();
    hash.hex();
    expect(() => hash.update(new Uint8Array(1))).toThrow();
    expect(() => hash.hex()).toThrow();
  });
});
