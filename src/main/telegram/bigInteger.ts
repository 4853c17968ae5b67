import { createRequire } from 'node:module';
import type bigIntegerModule from 'big-integer';

/**
 * teleproto's own copy of big-integer. teleproto type-checks TL longs with `bigInt.isInstance`, and
 * big-integer is not our direct dependency, so the build would bundle a second copy whose numbers
 * fail that check (teleproto logs a CastError for each). Loading it through teleproto's resolution
 * gives the very module teleproto uses, in tests and in the built hosts alike.
 */
const load = createRequire(import.meta.url);
export const bigInt = createRequire(load.resolve('teleproto'))('big-integer') as typeof bigIntegerModule;
export type BigInteger = bigIntegerModule.BigInteger;
