import { randomBytes } from 'node:crypto';
import { IGE } from 'teleproto/crypto/IGE.js';
import { sha256 } from './bytes';

/**
 * MTProto 2.0 message encryption for both directions. teleproto's MTProtoState only encrypts in the
 * client direction, so the server side is re-implemented here (x = 0 for client → server, x = 8 for
 * server → client).
 */

function aesKeyIv(authKey: Buffer, msgKey: Buffer, x: 0 | 8): { key: Buffer; iv: Buffer } {
  const a = sha256(msgKey, authKey.subarray(x, x + 36));
  const b = sha256(authKey.subarray(x + 40, x + 76), msgKey);
  return {
    key: Buffer.concat([a.subarray(0, 8), b.subarray(8, 24), a.subarray(24, 32)]),
    iv: Buffer.concat([b.subarray(0, 8), a.subarray(8, 24), b.subarray(24, 32)]),
  };
}

/** The plaintext of a client message: salt(8) | session_id(8) | msg_id(8) | seqno(4) | len(4) | body | padding. */
export function decryptFromClient(authKey: Buffer, msgKey: Buffer, encrypted: Buffer): Buffer {
  const { key, iv } = aesKeyIv(authKey, msgKey, 0);
  const plain = new IGE(key, iv).decryptIge(encrypted);
  const expected = sha256(authKey.subarray(88, 120), plain).subarray(8, 24);
  if (!expected.equals(msgKey)) throw new Error('MTProto: msg_key mismatch on a client message');
  return plain;
}

/** Returns `msg_key | encrypted data`; the caller prefixes the auth_key_id. */
export function encryptForClient(authKey: Buffer, plain: Buffer): Buffer {
  // 12..1024 bytes of padding is mandatory in MTProto 2.0 and the total must be a multiple of 16.
  const padLen = ((16 - ((plain.length + 12) % 16)) % 16) + 12;
  const padded = Buffer.concat([plain, randomBytes(padLen)]);
  const msgKey = sha256(authKey.subarray(96, 128), padded).subarray(8, 24);
  const { key, iv } = aesKeyIv(authKey, msgKey, 8);
  return Buffer.concat([msgKey, new IGE(key, iv).encryptIge(padded)]);
}
