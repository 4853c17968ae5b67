import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import bigInt from 'big-integer';
import { _serverKeys } from 'teleproto/crypto/RSA';
import { BinaryReader } from 'teleproto/extensions';
import { serializeBytes } from 'teleproto/tl';
import { sha1 } from './bytes';

export interface TestRsaKey {
  privateKey: KeyObject;
  /** Signed 64-bit fingerprint, as sent in resPQ.server_public_key_fingerprints. */
  fingerprint: bigInt.BigInteger;
}

let cached: TestRsaKey | undefined;

/**
 * The server's RSA key, registered in teleproto's own key map.
 *
 * teleproto's Authenticator looks the fingerprints from resPQ up in the exported, mutable
 * `_serverKeys` map and refuses to continue without a hit, so the fake server's public key must be
 * in that map. It only works in the same module registry as the client under test (the test file's
 * process), which is why this runs in the harness, not in a global setup or a child process.
 * Generated once per process: 2048-bit generation costs ~100 ms and a per-run key avoids committing
 * a private key.
 */
export function testRsaKey(): TestRsaKey {
  if (cached) return cached;
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 65537 });
  const jwk = publicKey.export({ format: 'jwk' });
  const n = Buffer.from(jwk.n ?? '', 'base64url');
  const e = Buffer.from(jwk.e ?? '', 'base64url');
  // Spec: lower 64 bits of SHA1(rsa_public_key n:bytes e:bytes), read as a signed little-endian long.
  // teleproto never computes fingerprints itself (its built-in keys carry hard-coded ones).
  const digest = sha1(Buffer.concat([serializeBytes(n), serializeBytes(e)]));
  const fingerprint = new BinaryReader(digest.subarray(12, 20)).readLong(true);
  _serverKeys.set(fingerprint.toString(), { n: bigInt(n.toString('hex'), 16), e: 65537 });
  cached = { privateKey, fingerprint };
  return cached;
}
