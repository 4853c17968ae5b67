import { z } from 'zod';
import { clockTimeSchema, idSchema, keySchema, tagNameSchema, templateTextSchema } from './common';
import { stepSchema } from './steps';
import { leadStatuses, type LeadStatus } from '../leadStatus';

export { leadStatuses, type LeadStatus } from '../leadStatus';

export const currentFormatVersion = 1;

export const flowSchema = z.object({
  id: idSchema,
  name: z.string().min(1).max(200),
  start: idSchema,
  steps: z.array(stepSchema).min(1, 'stepsEmpty'),
});
export type Flow = z.infer<typeof flowSchema>;

export const leadStatusSchema = z.enum(leadStatuses) satisfies z.ZodType<LeadStatus>;

export const autoActionSchema = z.object({
  id: idSchema,
  title: z.string().max(200).default(''),
  /** Event name: `registration`, `sale`, `resale`, or a custom one. */
  event: z.string().min(1).max(64),
  /** For repeated events: only the Nth occurrence for this lead (e.g. `resale` #2). */
  occurrence: z.number().int().min(1).optional(),
  filters: z
    .object({
      tags: z.array(tagNameSchema).optional(),
      accountIds: z.array(z.number().int()).optional(),
      campaign: z.string().optional(),
    })
    .default({}),
  actions: z
    .array(
      z.discriminatedUnion('type', [
        z.object({ type: z.literal('goto'), flow: idSchema, step: idSchema.optional() }),
        z.object({ type: z.literal('set_status'), status: z.enum(['auto', 'manual', 'finished', 'stopped']) }),
        z.object({ type: z.literal('tag'), add: z.array(tagNameSchema).default([]), remove: z.array(tagNameSchema).default([]) }),
        z.object({ type: z.literal('set_field'), key: keySchema, value: templateTextSchema }),
        /** "Send event to tracker": a GET to an S2S postback URL template, e.g. `…/postback?subid={{tracker.clickid}}&status=sale`. */
        z.object({ type: z.literal('send_postback'), url: templateTextSchema.min(1) }),
      ]),
    )
    .min(1, 'actionsEmpty'),
});
export type AutoAction = z.infer<typeof autoActionSchema>;

export const aiSettingsSchema = z.object({
  globalLegend: templateTextSchema.default(''),
  globalConstraints: templateTextSchema.default(''),
  responseStyle: templateTextSchema.default(''),
  /** Phrases or /regex/ the bot must never send; a reply containing one is regenerated once, then manual. */
  neverSay: z.array(z.string().min(1).max(500)).default([]),
  models: z
    .object({ router: z.string().optional(), reply: z.string().optional(), vision: z.string().optional() })
    .default({}),
  temperature: z.number().min(0).max(2).default(0.7),
  /** How many recent messages the AI sees. */
  historyLimit: z.number().int().min(1).max(200).default(20),
});
export type AiSettings = z.infer<typeof aiSettingsSchema>;

/** No reminder goes out between `from` and `to` (script time zone); one due then waits for `to`. */
export const quietHoursSchema = z.object({
  enabled: z.boolean().default(true),
  from: clockTimeSchema.default('23:00'),
  to: clockTimeSchema.default('09:00'),
});
export type QuietHours = z.infer<typeof quietHoursSchema>;

export const scriptSchema = z.object({
  formatVersion: z.literal(currentFormatVersion, {
    error: 'notVoronkaScript',
  }),
  name: z.string().min(1).max(200),
  description: z.string().max(4000).default(''),
  /** IANA timezone for clock waits and time conditions, e.g. `Europe/Moscow`. */
  timezone: z.string().default('Europe/Moscow'),
  /** Quiet hours for reminders (pushes); on by default, 23:00–09:00. */
  quietHours: quietHoursSchema.default(quietHoursSchema.parse({})),
  ai: aiSettingsSchema.default(aiSettingsSchema.parse({})),
  variables: z.array(z.object({ name: keySchema, value: templateTextSchema })).default([]),
  fields: z.array(z.object({ key: keySchema, label: z.string().max(200).default('') })).default([]),
  tags: z.array(z.object({ name: tagNameSchema, color: z.string().max(32).optional() })).default([]),
  startFlow: idSchema,
  flows: z.array(flowSchema).min(1, 'flowsEmpty'),
  autoActions: z.array(autoActionSchema).default([]),
  /**
   * Webhooks and tracker events may call this machine and the local network (127.0.0.1, 192.168.…,
   * link-local); off by default, because lead data fills those URLs.
   */
  allowLocalTargets: z.boolean().default(false),
});
export type Script = z.infer<typeof scriptSchema>;
/** The JSON a user writes or imports (defaults not yet applied). */
export type ScriptInput = z.input<typeof scriptSchema>;
