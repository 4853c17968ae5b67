import { z } from 'zod';

const range = { from: z.number().int(), to: z.number().int() };

const rate = z.object({
  /** Share of assigned leads, 0…1. */
  value: z.number(),
  /** 95% Wilson interval. */
  low: z.number(),
  high: z.number(),
  /** Probability this variant has the highest true rate (Beta-Binomial, Monte Carlo). */
  pBest: z.number(),
});

export const abVariantStatsSchema = z.object({
  variantId: z.string(),
  title: z.string(),
  weight: z.number(),
  assigned: z.number().int(),
  replied: z.number().int(),
  registrations: z.number().int(),
  firstDeposits: z.number().int(),
  reDeposits: z.number().int(),
  replyRate: rate,
  registrationRate: rate,
  depositRate: rate,
});

export const abRouterStatsSchema = z.object({
  routerId: z.string(),
  title: z.string(),
  flowName: z.string(),
  mode: z.enum(['fixed', 'auto']),
  variants: z.array(abVariantStatsSchema),
});
export type AbRouterStats = z.infer<typeof abRouterStatsSchema>;

/** RPC methods for statistics. */
export const statsMethods = {
  'stats.ab': { input: z.object({ scriptId: z.number().int(), ...range }).strict(), output: z.array(abRouterStatsSchema) },
  /** Per step of a flow: leads that entered it in the range, are waiting there now, and moved past it. */
  'stats.funnel': {
    input: z.object({ scriptId: z.number().int(), flowId: z.string().max(64), ...range }).strict(),
    output: z.array(z.object({ stepId: z.string(), title: z.string(), type: z.string(), entered: z.number().int(), waitingNow: z.number().int(), passed: z.number().int() })),
  },
  /** Per local day: new leads and business events (registration, sale, resale, custom). */
  'stats.eventsByDay': {
    input: z.object({ ...range, timezone: z.string().max(64).default('UTC') }).strict(),
    output: z.array(z.object({ day: z.string(), newLeads: z.number().int(), events: z.record(z.string(), z.number().int()), amount: z.number() })),
  },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export const statsEvents = {} as const satisfies Record<string, z.ZodType>;
