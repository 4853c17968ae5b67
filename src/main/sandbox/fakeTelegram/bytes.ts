import { createHash } from 'node:crypto';
import { type BigInteger } from '../../telegram/bigInteger';
import { toSignedLittleBuffer } from 'teleproto/Helpers.js';

/** Hand-written TL primitives: the few shapes teleproto's Api classes cannot produce for us. */

export const VECTOR_ID = 0x1cb5c415;
export const RPC_RESULT_ID = 0xf35c6d01;
export const BOOL_TRUE_ID = 0x997275b5;

export function int32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32LE(n);
  return b;
}

export function uint32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
}

/** A signed 64-bit TL long from teleproto's big-integer ids. */
export function long(value: BigInteger): Buffer {
  return toSignedLittleBuffer(value, 8);
}

export const boolTrue = (): Buffer => uint32(BOOL_TRUE_ID);

/** A bare `Vector<T>` result (e.g. users.getUsers), which has no Api class of its own. */
export function vector(items: readonly { getBytes(): Buffer }[]): Buffer {
  return Buffer.concat([uint32(VECTOR_ID), int32(items.length), ...items.map((x) => x.getBytes())]);
}

export function sha1(...parts: Buffer[]): Buffer {
  const h = createHash('sha1');
  for (const p of parts) h.update(p);
  return h.digest();
}

export function sha256(...parts: Buffer[]): Buffer {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
}

/** Big-endian unsigned bytes → native BigInt (native BigInt is far faster than teleproto's modExp). */
export function bufToBig(b: Buffer): bigint {
  return b.length ? BigInt('0x' + b.toString('hex')) : 0n;
}

/** Native BigInt → big-endian bytes; minimal length unless `len` asks for left padding. */
export function bigToBuf(n: bigint, len?: number): Buffer {
  let hex = n.toString(16);
  if (hex.length % 2) hex = '0' + hex;
  const b = Buffer.from(hex, 'hex');
  return len !== undefined && b.length < len ? Buffer.concat([Buffer.alloc(len - b.length), b]) : b;
}

export function modPow(base: bigint, exp: bigint, mod: bigint): bigint {
  let result = 1n;
  let b = base % mod;
  let e = exp;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % mod;
    e >>= 1n;
    b = (b * b) % mod;
  }
  return result;
}

export function unixNow(): number {
  return Math.floor(Date.now() / 1000);
}
