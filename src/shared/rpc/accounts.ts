import type { z } from 'zod';

/** RPC methods of the accounts domain (see src/shared/rpc.ts for the contract's rules). */
export const accountsMethods = {} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

/** Events of the accounts domain pushed to every renderer. */
export const accountsEvents = {} as const satisfies Record<string, z.ZodType>;
