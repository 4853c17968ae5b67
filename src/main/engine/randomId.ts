import type { Random } from './ports';

/**
 * A non-zero signed 64-bit id as a decimal string: Telegram's `random_id`, generated before the
 * first send attempt and reused on every retry so Telegram can drop a duplicate.
 */
export function randomId64(random: Random): string {
  for (;;) {
    const hi = BigInt(Math.floor(random.next() * 2 ** 32));
    const lo = BigInt(Math.floor(random.next() * 2 ** 32));
    const id = BigInt.asIntN(64, (hi << 32n) | lo);
    if (id !== 0n) return id.toString();
  }
}
