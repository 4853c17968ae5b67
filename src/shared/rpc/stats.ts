import { z } from 'zod';

/**
 * Every statistics method takes the same scope, so every figure on the page follows the chosen
 * script, account and period. Leads are counted once each (per lead, not per event).
 */
const scope = {
  scriptId: z.number().int(),
  /** Only leads of this account; null = all accounts. */
  accountId: z.number().int().nullable().default(null),
  from: z.number().int(),
  to: z.number().int(),
};

const rate = z.object({
  /** Share of assigned leads, 0…1. */
  value: z.number(),
  /** 95% Wilson interval. */
  low: z.number(),
  high: z.number(),
  /** Probability this variant has the highest true rate (Beta-Binomial, Monte Carlo); 0 while there is not enough data. */
  pBest: z.number(),
});

/** Whether a metric of a router has enough data to compare variants (see shared/stats/sample.ts). */
const verdict = z.object({ enough: z.boolean(), neededPerVariant: z.number().int().nullable() });

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
  sample: z.object({ replyRate: verdict, registrationRate: verdict, depositRate: verdict }),
});
export type AbRouterStats = z.infer<typeof abRouterStatsSchema>;

const funnelStepSchema = z.object({
  stepId: z.string(),
  title: z.string(),
  type: z.string(),
  /** Distinct leads that entered the step in the period. */
  entered: z.number().int(),
  /** Distinct leads that left it for another step in the period. */
  passed: z.number().int(),
  /** Leads waiting at the step now (not bounded by the period). */
  waitingNow: z.number().int(),
});

/** Dialogs → registrations → first deposits → re-deposits for one group of leads (a cohort by dialog start). */
export const trackerFunnelRowSchema = z.object({
  /** Campaign name ('' = none) for `by: 'campaign'`; the router title for `by: 'variant'`. */
  group: z.string(),
  /** Source ('campaign', 'campaign-direct', 'organic', '' = unknown) or the variant title. */
  sub: z.string(),
  dialogs: z.number().int(),
  registrations: z.number().int(),
  firstDeposits: z.number().int(),
  reDeposits: z.number().int(),
  revenue: z.number(),
});
export type TrackerFunnelRow = z.infer<typeof trackerFunnelRowSchema>;

const dayRow = z.object({ day: z.string(), newLeads: z.number().int(), events: z.record(z.string(), z.number().int()), amount: z.number() });
const aiDayRow = z.object({ day: z.string(), calls: z.number().int(), tokensIn: z.number(), tokensOut: z.number(), costUsd: z.number() });

/** RPC methods for statistics. */
export const statsMethods = {
  /** The script to show first: the one whose leads wrote or were answered most recently (null = no activity yet). */
  'stats.defaultScript': { input: z.object({}).strict(), output: z.object({ scriptId: z.number().int().nullable() }) },
  'stats.ab': { input: z.object(scope).strict(), output: z.array(abRouterStatsSchema) },
  /** Per step of a flow: leads that entered it in the period, moved past it, and are waiting there now. */
  'stats.funnel': { input: z.object({ ...scope, flowId: z.string().max(64) }).strict(), output: z.array(funnelStepSchema) },
  /** The tracker funnel of the leads whose dialog started in the period, per campaign and source, or per A/B variant. */
  'stats.trackerFunnel': { input: z.object({ ...scope, by: z.enum(['campaign', 'variant']) }).strict(), output: z.array(trackerFunnelRowSchema) },
  /** Per local day: new leads, and leads with each business event (registration, sale, resale, custom) and its amount. */
  'stats.eventsByDay': { input: z.object({ ...scope, timezone: z.string().max(64).default('UTC') }).strict(), output: z.array(dayRow) },
  /** Per local day: AI calls, tokens and cost for this script's leads. */
  'stats.aiByDay': { input: z.object({ ...scope, timezone: z.string().max(64).default('UTC') }).strict(), output: z.array(aiDayRow) },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export const statsEvents = {} as const satisfies Record<string, z.ZodType>;
