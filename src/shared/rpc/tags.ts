import { z } from 'zod';
import { noInput } from './common';

/** Tags the operator can pick from (filters, a lead's tags): the ones leads carry and the ones scripts declare. */
export const tagsMethods = {
  /** Sorted by name; `leads`: how many leads carry it now; `color`: from the first script that declares one. */
  'tags.list': {
    input: noInput,
    output: z.array(z.object({ name: z.string(), color: z.string().nullable(), leads: z.number().int() })),
  },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;
