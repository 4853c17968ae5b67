import { z } from 'zod';
import { aiProviderPatchSchema, aiProviderViewSchema } from '../aiSettings';
import { appMessageSchema } from '../appMessage';
import { noInput } from './common';

const connectionReport = z.object({
  ok: z.boolean(),
  /** Models the endpoint lists. */
  models: z.array(z.string()),
  /** Configured models the endpoint does not list. */
  missing: z.array(z.string()),
  /** A clear reason when not ok: bad key, unreachable host, model missing. */
  error: appMessageSchema.nullable(),
  latencyMs: z.number(),
});

const usageRow = z.object({ day: z.string(), calls: z.number(), tokensIn: z.number(), tokensOut: z.number(), costUsd: z.number() });

export type AiConnectionTest = z.infer<typeof connectionReport>;
export type AiUsageDay = z.infer<typeof usageRow>;

/** RPC methods of the AI provider settings. */
export const aiMethods = {
  'ai.provider.get': { input: noInput, output: aiProviderViewSchema },
  'ai.provider.set': { input: aiProviderPatchSchema, output: aiProviderViewSchema },
  /** Tests the settings as typed (a patch over the saved ones); saves and activates nothing. */
  'ai.testConnection': { input: aiProviderPatchSchema, output: connectionReport },
  'ai.usageByDay': {
    input: z.object({ from: z.number().int(), to: z.number().int(), timezone: z.string().max(64).default('UTC') }).strict(),
    output: z.array(usageRow),
  },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export const aiEvents = {} as const satisfies Record<string, z.ZodType>;
