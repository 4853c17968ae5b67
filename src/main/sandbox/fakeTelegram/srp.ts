import { pbkdf2Sync, randomBytes } from 'node:crypto';
import { bigInt, type BigInteger } from '../../telegram/bigInteger';
import { Api } from 'teleproto';
import { bigToBuf, bufToBig, modPow, sha256 } from './bytes';
import { G, GENERATOR, PRIME, PRIME_BUF } from './telegramPrime';

/**
 * Server side of Telegram's 2FA SRP (PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow).
 * The check is real: the client's M1 must match what we derive from the stored verifier, so a
 * wrong password really fails. Only the verifier v = g^x is kept, never the password itself.
 */
export class SrpVerifier {
  private readonly salt1 = randomBytes(40);
  private readonly salt2 = randomBytes(16);
  private readonly v: bigint;
  /** The current challenge: each account.getPassword issues a fresh one (srp_id). */
  private challenge: { id: BigInteger; b: bigint; B: bigint } | undefined;
  private nextId = 1;

  constructor(
    password: string,
    private readonly hint = '',
  ) {
    const h1 = sha256(this.salt1, Buffer.from(password, 'utf8'), this.salt1);
    const h2 = sha256(this.salt2, h1, this.salt2);
    const h3 = pbkdf2Sync(h2, this.salt1, 100000, 64, 'sha512');
    this.v = modPow(G, bufToBig(sha256(this.salt2, h3, this.salt2)), PRIME);
  }

  /** account.getPassword's answer, with a fresh srp_B. */
  passwordInfo(): Api.account.Password {
    const k = bufToBig(sha256(PRIME_BUF, bigToBuf(G, 256)));
    const b = bufToBig(randomBytes(256));
    const B = (k * this.v + modPow(G, b, PRIME)) % PRIME;
    const id = bigInt(this.nextId++);
    this.challenge = { id, b, B };
    return new Api.account.Password({
      hasPassword: true,
      currentAlgo: new Api.PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow({
        salt1: this.salt1,
        salt2: this.salt2,
        g: GENERATOR,
        p: PRIME_BUF,
      }),
      srp_B: bigToBuf(B, 256),
      srpId: id,
      hint: this.hint,
      newAlgo: new Api.PasswordKdfAlgoUnknown(),
      newSecureAlgo: new Api.SecurePasswordKdfAlgoUnknown(),
      secureRandom: randomBytes(32),
    });
  }

  /** True when the client's InputCheckPasswordSRP proves knowledge of the password. */
  check(input: Api.TypeInputCheckPasswordSRP): boolean {
    const ch = this.challenge;
    if (!ch || !(input instanceof Api.InputCheckPasswordSRP) || !input.srpId.eq(ch.id)) return false;
    const A = bufToBig(input.A);
    const Ab = bigToBuf(A, 256);
    const Bb = bigToBuf(ch.B, 256);
    const u = bufToBig(sha256(Ab, Bb));
    const S = modPow((A * modPow(this.v, u, PRIME)) % PRIME, ch.b, PRIME);
    const K = sha256(bigToBuf(S, 256));
    const hp = sha256(PRIME_BUF);
    const hg = sha256(bigToBuf(G, 256));
    const hpXorHg = Buffer.from(hp.map((byte, i) => byte ^ (hg[i] ?? 0)));
    const M1 = sha256(hpXorHg, sha256(this.salt1), sha256(this.salt2), Ab, Bb, K);
    return M1.equals(Buffer.from(input.M1));
  }
}
