import type { z } from 'zod';

/** RPC methods of the tracker domain (see src/shared/rpc.ts for the contract's rules). */
export const trackerMethods = {} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

/** Events of the tracker domain pushed to every renderer. */
export const trackerEvents = {} as const satisfies Record<string, z.ZodType>;
