import { z } from 'zod';
import { appMessageSchema } from '../appMessage';
import { noInput } from './common';

/**
 * RPC contract of the tracker domain (see src/shared/rpc.ts for the contract's rules): the postback
 * listener, its presets and log, campaign links and a lead's tracker data.
 */

export const trackerPresetIds = ['keitaro', 'binom', 'voluum', 'bemob', 'redtrack', 'igaming', 'custom'] as const;
export const trackerPresetIdSchema = z.enum(trackerPresetIds);
export type TrackerPresetId = z.infer<typeof trackerPresetIdSchema>;

/** A lead event name: `registration`, `sale` (first deposit), `resale` (re-deposit) or a custom one. */
export const leadEventNameSchema = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'eventName');

const paramNameSchema = z.string().trim().min(1).max(64);

/** What the operator changes about a preset: which params carry what, and extra status mappings. */
export const presetOverridesSchema = z
  .object({
    clickIdParam: paramNameSchema.optional(),
    statusParam: paramNameSchema.optional(),
    payoutParam: paramNameSchema.optional(),
    currencyParam: paramNameSchema.optional(),
    transactionIdParam: paramNameSchema.optional(),
    /** Status value (case-insensitive) → event name; added to the preset's own map. */
    statusMap: z.record(z.string().trim().min(1).max(64), leadEventNameSchema).optional(),
    /** Event used when the request has no status at all; null = such a request is rejected. */
    defaultEvent: leadEventNameSchema.nullable().optional(),
    /** Accept an unmapped status as a custom event of the same name instead of rejecting it. */
    acceptCustomEvents: z.boolean().optional(),
  })
  .strict();
export type PresetOverrides = z.infer<typeof presetOverridesSchema>;

export const trackerSettingsSchema = z.object({
  /** Whether the postback listener runs. */
  enabled: z.boolean(),
  /** Interface to listen on: 127.0.0.1 unless a tunnel or reverse proxy on another host needs more. */
  host: z.string().trim().min(1).max(255),
  port: z.number().int().min(0).max(65535),
  /** Preset for `/pb/<token>` without a preset segment. */
  defaultPreset: trackerPresetIdSchema,
  presets: z.partialRecord(trackerPresetIdSchema, presetOverridesSchema),
  /** The public address (tunnel) trackers reach the listener at; used only to show URLs. */
  publicBaseUrl: z.union([z.literal(''), z.url({ protocol: /^https?$/ })]),
  /** IPs or CIDR ranges allowed to post; empty = anyone holding the token. */
  allowedIps: z.array(z.string().trim().min(1).max(64)).max(200),
  /** Per client (after the token check, so strangers cannot use up a tracker's budget). */
  rateLimitPerMinute: z.number().int().min(1).max(100_000),
  /** For the token as a whole, across clients. */
  tokenRateLimitPerMinute: z.number().int().min(1).max(1_000_000),
  /**
   * What is in front of the listener: \`none\` (forwarding headers ignored), \`proxy\` (X-Forwarded-For
   * from a proxy on this machine), \`cloudflared\` (its CF-Connecting-IP).
   */
  frontProxy: z.enum(['none', 'proxy', 'cloudflared']),
  /** Postback log rows older than this are pruned (the conversion ledger that de-duplicates stays). */
  logRetentionDays: z.number().int().min(1).max(3650),
  maxBodyKb: z.number().int().min(1).max(1024),
  /** How long a postback for an unknown click id waits for its lead. */
  pendingWindowDays: z.number().min(0).max(90),
  /** Body of the 200 answer (some trackers expect a fixed word, cf. Keitaro `return=`). */
  responseBody: z.string().max(200),
  /** Regex finding the campaign token in a lead's first message; named groups `code`, `clickid`. */
  campaignPattern: z.string().min(1).max(500),
  /** Give leads who arrive without a campaign token a generated click id. */
  organicClickIds: z.boolean(),
});
export type TrackerSettings = z.infer<typeof trackerSettingsSchema>;
export const trackerSettingsPatchSchema = trackerSettingsSchema.partial().strict();
export type TrackerSettingsPatch = z.infer<typeof trackerSettingsPatchSchema>;

export const strangerSampleSchema = z.object({
  at: z.number().int(),
  method: z.string(),
  ip: z.string(),
  /** The path with any token replaced by "…". */
  path: z.string(),
  reason: z.enum(['token', 'path', 'allowlist', 'malformed']),
});
export type StrangerSample = z.infer<typeof strangerSampleSchema>;

export const trackerStatusSchema = z.object({
  enabled: z.boolean(),
  listening: z.boolean(),
  host: z.string(),
  /** The bound port (differs from the setting when it is 0). */
  port: z.number().int().nullable(),
  /** Why the listener is not running (port taken…), for the Tracker page. */
  error: appMessageSchema.nullable(),
  /** `<base>/pb/<token>`: the secret endpoint, base = public URL when set, else the local address. */
  endpoint: z.string().nullable(),
  pending: z.number().int(),
  /** Requests refused before proving the token: counted, not stored one by one, a few kept as a sample. */
  strangers: z.object({ count: z.number().int(), since: z.number().int().nullable(), sample: z.array(strangerSampleSchema) }),
  /** The Cloudflare quick tunnel, when the operator started one from the Tracker page. */
  tunnel: z.object({
    state: z.enum(['off', 'starting', 'running', 'failed']),
    url: z.string().nullable(),
    error: appMessageSchema.nullable(),
    available: z.boolean(),
  }),
});
export type TrackerStatus = z.infer<typeof trackerStatusSchema>;

export const postbackOutcomes = ['received', 'applied', 'duplicate', 'pending', 'rejected', 'error', 'ignored'] as const;

export const postbackLogRowSchema = z.object({
  id: z.number().int(),
  receivedAt: z.number().int(),
  preset: z.string().nullable(),
  method: z.string(),
  remoteIp: z.string().nullable(),
  raw: z.record(z.string(), z.unknown()),
  clickId: z.string().nullable(),
  event: z.string().nullable(),
  transactionId: z.string().nullable(),
  leadId: z.number().int().nullable(),
  parsed: z.record(z.string(), z.unknown()).nullable(),
  outcome: z.enum(postbackOutcomes),
  /** Why it was refused, ignored or a duplicate, as a coded message. */
  error: appMessageSchema.nullable(),
});
export type PostbackLogRow = z.infer<typeof postbackLogRowSchema>;

export const postbackUrlSchema = z.object({
  preset: trackerPresetIdSchema,
  label: z.string(),
  /** Paste into the tracker / affiliate program (its macros filled by the sender). */
  url: z.string(),
  /** The sender's click-id macro used in `url`. */
  clickIdMacro: z.string(),
  /** The status word fixed in this URL (senders that fire one URL per event); the Tracker page explains each preset. */
  event: z.string().nullable(),
});

const trackerFieldsSchema = z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/), z.string().max(500));

export const campaignSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  username: z.string(),
  greeting: z.string(),
  subs: trackerFieldsSchema,
  createdAt: z.number().int(),
  /** The link to publish as is (leads get a generated click id). */
  link: z.string(),
  /** The same link for a tracker's redirect, with its click-id macro left in. */
  trackerTemplate: z.string(),
});
export type Campaign = z.infer<typeof campaignSchema>;

const usernameSchema = z.string().trim().regex(/^@?[A-Za-z0-9_]{4,32}$/, 'telegramUsername');

export const trackerRpcMethods = {
  'tracker.status': { input: noInput, output: trackerStatusSchema },
  'tracker.settings.get': { input: noInput, output: trackerSettingsSchema },
  'tracker.settings.set': { input: trackerSettingsPatchSchema, output: trackerSettingsSchema },
  'tracker.regenerateToken': { input: noInput, output: trackerStatusSchema },
  /** Starts `cloudflared tunnel --url <listener>` (when installed) and uses its address for the URLs. */
  'tracker.tunnel.start': { input: noInput, output: trackerStatusSchema },
  'tracker.tunnel.stop': { input: noInput, output: trackerStatusSchema },
  'tracker.postbackUrls': { input: z.object({ baseUrl: z.url().optional() }).strict(), output: z.array(postbackUrlSchema) },
  'tracker.log': {
    input: z
      .object({
        outcome: z.enum(postbackOutcomes).optional(),
        preset: z.string().max(32).optional(),
        clickId: z.string().max(200).optional(),
        leadId: z.number().int().optional(),
        /** Paging: rows older than this id. */
        beforeId: z.number().int().optional(),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
    output: z.object({ rows: z.array(postbackLogRowSchema), nextBeforeId: z.number().int().nullable() }),
  },
  'tracker.campaigns.list': { input: noInput, output: z.array(campaignSchema) },
  'tracker.campaigns.create': {
    input: z
      .object({
        name: z.string().trim().min(1).max(200),
        username: usernameSchema,
        /** Greeting prefilled in the lead's input box; `{token}` marks where the token goes (else appended). */
        greeting: z.string().trim().min(1).max(1000),
        subs: trackerFieldsSchema.default({}),
      })
      .strict(),
    output: campaignSchema,
  },
  'tracker.campaignLink': {
    input: z
      .object({
        username: usernameSchema,
        greeting: z.string().trim().min(1).max(1000),
        code: z.string().regex(/^[A-Za-z0-9]{4,8}$/),
        preset: trackerPresetIdSchema.optional(),
      })
      .strict(),
    output: z.object({ link: z.string(), trackerTemplate: z.string() }),
  },
  'tracker.lead': {
    input: z.object({ leadId: z.number().int() }).strict(),
    output: z.object({
      tracker: z.record(z.string(), z.string()),
      /** `unparsedPayouts`: deposit payouts that could not be read, as sent (not in `total`). */
      deposits: z.object({ firstAmount: z.number().nullable(), total: z.number(), count: z.number().int(), unparsedPayouts: z.array(z.string()) }),
      postbacks: z.array(postbackLogRowSchema),
    }),
  },
  'tracker.setLeadTracker': {
    input: z.object({ leadId: z.number().int(), tracker: trackerFieldsSchema }).strict(),
    output: z.object({ tracker: z.record(z.string(), z.string()), pendingApplied: z.number().int() }),
  },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

/** The methods merged into the app's contract. */
export const trackerMethods = trackerRpcMethods;

/** Events of the tracker domain pushed to every renderer. */
export const trackerEvents = {
  /** Every postback request once its outcome is known (the live log). */
  'tracker.postback': postbackLogRowSchema,
  'tracker.status': trackerStatusSchema,
} as const satisfies Record<string, z.ZodType>;
