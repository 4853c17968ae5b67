import { constants, privateDecrypt, randomBytes } from 'node:crypto';
import { type BigInteger } from '../../telegram/bigInteger';
import { Api } from 'teleproto';
import { AuthKey } from 'teleproto/crypto/AuthKey.js';
import { IGE } from 'teleproto/crypto/IGE.js';
import { BinaryReader } from 'teleproto/extensions/index.js';
import { generateKeyDataFromNonce, readBigIntFromBuffer } from 'teleproto/Helpers.js';
import { bigToBuf, bufToBig, modPow, sha1, sha256, unixNow } from './bytes';
import { testRsaKey } from './rsaKey';
import { G, GENERATOR, PRIME, PRIME_BUF } from './telegramPrime';

/** The classic pq from core.telegram.org (p=0x494C553B, q=0x53911073); the client factorizes it. */
const PQ = Buffer.from('17ED48941A08F981', 'hex');

interface DhState {
  serverNonce: BigInteger;
  newNonce?: BigInteger;
  a?: bigint;
  ige?: IGE;
}

/**
 * The unencrypted part of MTProto: req_pq_multi → req_DH_params → set_client_DH_params, one
 * instance per TCP connection. The client checks nonces and new_nonce_hash1 but not the prime's
 * safety or g_a's range; we still use Telegram's real prime.
 */
export class KeyExchange {
  private dh: DhState | undefined;

  /** `onAuthKey` receives the finished key; the returned object is the plain reply to send. */
  constructor(private readonly onAuthKey: (key: AuthKey) => void) {}

  async handle(request: unknown): Promise<{ getBytes(): Buffer }> {
    if (request instanceof Api.ReqPqMulti || request instanceof Api.ReqPq) return this.resPq(request.nonce);
    if (request instanceof Api.ReqDHParams) return this.serverDhParams(request);
    if (request instanceof Api.SetClientDHParams) return this.dhGenOk(request);
    throw new Error(`key exchange: unexpected plain message ${describe(request)}`);
  }

  private resPq(nonce: BigInteger): Api.ResPQ {
    const serverNonce = readBigIntFromBuffer(randomBytes(16), true, true);
    this.dh = { serverNonce };
    return new Api.ResPQ({ nonce, serverNonce, pq: PQ, serverPublicKeyFingerprints: [testRsaKey().fingerprint] });
  }

  private async serverDhParams(req: Api.ReqDHParams): Promise<Api.ServerDHParamsOk> {
    const dh = this.requireDh();
    const inner: unknown = new BinaryReader(undoRsaPad(req.encryptedData)).tgReadObject();
    if (!(inner instanceof Api.PQInnerData || inner instanceof Api.PQInnerDataDc)) {
      throw new Error(`key exchange: unexpected inner data ${describe(inner)}`);
    }
    if (!inner.serverNonce.eq(dh.serverNonce)) throw new Error('key exchange: server nonce mismatch');
    dh.newNonce = inner.newNonce;
    dh.a = bufToBig(randomBytes(256));
    const answer = new Api.ServerDHInnerData({
      nonce: req.nonce,
      serverNonce: req.serverNonce,
      g: GENERATOR,
      dhPrime: PRIME_BUF,
      gA: bigToBuf(modPow(G, dh.a, PRIME)),
      serverTime: unixNow(),
    }).getBytes();
    const { key, iv } = await generateKeyDataFromNonce(dh.serverNonce, dh.newNonce);
    dh.ige = new IGE(key, iv);
    // answer_with_hash = SHA1(answer) + answer, padded to 16 bytes by encryptIge.
    const encryptedAnswer = dh.ige.encryptIge(Buffer.concat([sha1(answer), answer]));
    return new Api.ServerDHParamsOk({ nonce: req.nonce, serverNonce: req.serverNonce, encryptedAnswer });
  }

  private async dhGenOk(req: Api.SetClientDHParams): Promise<Api.DhGenOk> {
    const dh = this.requireDh();
    if (!dh.ige || dh.a === undefined || !dh.newNonce) throw new Error('key exchange: set_client_DH_params too early');
    const plain = dh.ige.decryptIge(req.encryptedData);
    const inner: unknown = new BinaryReader(plain.subarray(20)).tgReadObject(); // skip SHA1(data)
    if (!(inner instanceof Api.ClientDHInnerData)) throw new Error(`key exchange: unexpected ${describe(inner)}`);
    const gab = modPow(bufToBig(inner.gB), dh.a, PRIME);
    // teleproto builds its key with getByteArray(gab): minimal big-endian bytes, NOT left-padded to
    // 256. Matching that matters: padding would break about one handshake in 256.
    const authKey = new AuthKey();
    await authKey.setKey(bigToBuf(gab));
    const newNonceHash1 = await authKey.calcNewNonceHash(dh.newNonce, 1);
    this.onAuthKey(authKey);
    this.dh = undefined;
    return new Api.DhGenOk({ nonce: req.nonce, serverNonce: req.serverNonce, newNonceHash1 });
  }

  private requireDh(): DhState {
    if (!this.dh) throw new Error('key exchange: no req_pq_multi seen on this connection');
    return this.dh;
  }
}

/**
 * Inverse of RSA_PAD: raw RSA decrypt → temp_key_xor(32) | aes_encrypted(224); recover temp_key,
 * AES-IGE decrypt with a zero IV, check SHA256(temp_key + data_with_padding), un-reverse the data.
 */
function undoRsaPad(encrypted: Buffer): Buffer {
  const dec = privateDecrypt({ key: testRsaKey().privateKey, padding: constants.RSA_NO_PADDING }, encrypted);
  const aesEncrypted = dec.subarray(32);
  const xorMask = sha256(aesEncrypted);
  const tempKey = Buffer.from(dec.subarray(0, 32).map((byte, i) => byte ^ (xorMask[i] ?? 0)));
  const dataWithHash = new IGE(tempKey, Buffer.alloc(32)).decryptIge(aesEncrypted);
  const dataWithPadding = Buffer.from(dataWithHash.subarray(0, 192)).reverse();
  if (!sha256(tempKey, dataWithPadding).equals(dataWithHash.subarray(192, 224))) {
    throw new Error('key exchange: RSA_PAD hash mismatch (is the test key registered in teleproto?)');
  }
  return dataWithPadding;
}

function describe(x: unknown): string {
  return typeof x === 'object' && x !== null && 'className' in x ? String(x.className) : typeof x;
}
