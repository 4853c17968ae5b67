import { appMessageSchema } from '../appMessage';
import { z } from 'zod';
import { leadStatusSchema } from '../script/script';

export const leadFiltersSchema = z
  .object({
    accountId: z.number().int().optional(),
    status: leadStatusSchema.optional(),
    scriptId: z.number().int().optional(),
    flowId: z.string().max(64).optional(),
    stepId: z.string().max(64).optional(),
    tag: z.string().max(64).optional(),
    /** Leads that received this business event (registration, sale…). */
    event: z.string().max(64).optional(),
    /** Name, username or message text. */
    search: z.string().trim().max(200).optional(),
    unreadOnly: z.boolean().optional(),
    /** A custom field equal to a value (case-insensitive). */
    field: z.object({ key: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/).max(64), value: z.string().max(200) }).strict().optional(),
  })
  .strict();
export type LeadFilters = z.infer<typeof leadFiltersSchema>;

export const leadRowSchema = z.object({
  id: z.number().int(),
  accountId: z.number().int(),
  name: z.string(),
  username: z.string().nullable(),
  status: leadStatusSchema,
  statusReason: appMessageSchema.nullable(),
  scriptId: z.number().int().nullable(),
  flowId: z.string().nullable(),
  stepId: z.string().nullable(),
  stepTitle: z.string().nullable(),
  lastMessageAt: z.number().nullable(),
  preview: z.string().nullable(),
  unread: z.number().int(),
  tags: z.array(z.string()),
});
export type LeadRow = z.infer<typeof leadRowSchema>;

export const chatMessageSchema = z.object({
  id: z.number().int(),
  direction: z.enum(['in', 'out']),
  sender: z.enum(['lead', 'bot', 'operator']),
  text: z.string(),
  media: z.object({ kind: z.string(), path: z.string(), emoji: z.string().optional(), fileName: z.string().optional() }).nullable(),
  status: z.string(),
  ts: z.number(),
  /** Why a failed outgoing message failed. */
  error: z.string().nullable().default(null),
});

export const leadEventSchema = z.object({ id: z.number().int(), type: z.string(), payload: z.record(z.string(), z.unknown()), ts: z.number() });

export const leadCardSchema = leadRowSchema.extend({
  flowName: z.string().nullable(),
  fields: z.record(z.string(), z.union([z.string(), z.number()])),
  tracker: z.record(z.string(), z.string()),
  variants: z.array(z.object({ routerId: z.string(), routerTitle: z.string(), variantId: z.string(), variantTitle: z.string() })),
  deposits: z.object({ count: z.number().int(), total: z.number(), first: z.number().nullable() }),
  leadEvents: z.array(z.object({ name: z.string(), amount: z.number().nullable(), currency: z.string().nullable(), ts: z.number() })),
  createdAt: z.number(),
  /** Stored columns of this lead that failed to parse (automation is off for it); shown as an error. */
  stateDamage: z.array(z.object({ column: z.string(), problem: z.string() })),
});
export type LeadCard = z.infer<typeof leadCardSchema>;

const id = z.object({ id: z.number().int() }).strict();
const ok = z.object({ ok: z.literal(true) });

/** RPC methods for the inbox: chat list, conversation, lead card, operator actions. */
export const leadsMethods = {
  /** Leads needing a human first, then by last message; keyset paging (`cursor` from the previous page). */
  'leads.list': {
    input: z.object({ filters: leadFiltersSchema.default({}), cursor: z.string().max(200).nullable().default(null), limit: z.number().int().min(1).max(500).default(100) }).strict(),
    /** `total` (matching leads) is counted on the first page only; later pages say -1. */
    output: z.object({ rows: z.array(leadRowSchema), nextCursor: z.string().nullable(), total: z.number().int() }),
  },
  'leads.get': { input: id, output: leadCardSchema },
  'leads.messages': {
    input: z.object({ id: z.number().int(), beforeId: z.number().int().nullable().default(null), limit: z.number().int().min(1).max(500).default(100) }).strict(),
    output: z.array(chatMessageSchema),
  },
  /**
   * Full-text search over every message of real chats (FTS5, prefix match on every word), newest
   * first. `snippet` has each match wrapped in \u0002…\u0003.
   */
  'leads.searchMessages': {
    input: z.object({ query: z.string().trim().min(1).max(200), limit: z.number().int().min(1).max(100).default(30) }).strict(),
    output: z.array(z.object({ messageId: z.number().int(), leadId: z.number().int(), leadName: z.string(), sender: z.enum(['lead', 'bot', 'operator']), ts: z.number(), snippet: z.string() })),
  },
  'leads.events': { input: z.object({ id: z.number().int(), limit: z.number().int().min(1).max(1000).default(200) }).strict(), output: z.array(leadEventSchema) },
  /** A photo of a message as a data URL (the renderer cannot read files); null when the file is gone. */
  'leads.media': { input: z.object({ messageId: z.number().int() }).strict(), output: z.object({ dataUrl: z.string().nullable() }) },
  'leads.takeover': { input: id, output: ok },
  /** Back to the funnel: at the current step (waits for the next message) or from a chosen step. */
  'leads.release': { input: z.object({ id: z.number().int(), to: z.object({ flowId: z.string(), stepId: z.string() }).nullable().default(null) }).strict(), output: ok },
  /** Longer than 4096 characters goes out as several Telegram messages. */
  'leads.say': { input: z.object({ id: z.number().int(), text: z.string().trim().min(1).max(16_384) }).strict(), output: ok },
  'leads.stop': { input: id, output: ok },
  /** A failed outgoing message goes again (same random_id: never doubled). */
  'leads.retryMessage': { input: z.object({ messageId: z.number().int() }).strict(), output: ok },
  /** A failed outgoing message is given up (it stays in the chat as cancelled). */
  'leads.dropMessage': { input: z.object({ messageId: z.number().int() }).strict(), output: ok },
  'leads.markRead': { input: id, output: ok },
  'leads.update': {
    input: z
      .object({
        id: z.number().int(),
        addTags: z.array(z.string().trim().min(1).max(64)).default([]),
        removeTags: z.array(z.string().trim().min(1).max(64)).default([]),
        fields: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), z.union([z.string().max(1000), z.number(), z.null()])).default({}),
      })
      .strict(),
    output: ok,
  },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export const leadsEvents = {
  'lead.changed': z.object({ id: z.number().int() }),
  /** The account is showing "typing…" to this lead for `ms` before a reply goes out. */
  'lead.typing': z.object({ id: z.number().int(), ms: z.number().int().min(0) }),
  /**
   * A chat needs a person: the script or an AI failure handed it over ('handover'), Telegram limited
   * the account while sending to it, or one of its messages failed for good.
   */
  'lead.needsHuman': z.object({ id: z.number().int(), name: z.string(), reason: appMessageSchema, cause: z.enum(['handover', 'account_limited', 'send_failed']) }),
} as const satisfies Record<string, z.ZodType>;
