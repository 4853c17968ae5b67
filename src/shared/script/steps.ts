import { z } from 'zod';
import {
  clockTimeSchema,
  idSchema,
  keySchema,
  onMessageSchema,
  pushSchema,
  stepBase,
  tagNameSchema,
  templateTextSchema,
} from './common';
import { durationSchema } from './duration';

/**
 * A script's files live in the data folder's media folder, named `media/…` relative to the data
 * folder: never an absolute path, never climbing out with `..` (a script from someone else must not
 * make the app send any file of this computer). Main also checks that no symlink leads out.
 */
export function isMediaFolderPath(path: string): boolean {
  if (!path.startsWith('media/') || path.includes('\\') || path.includes('\0')) return false;
  return path.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}
export const mediaPathProblem = 'mediaPath';

/**
 * Stored rows accept any path: scripts saved before the media folder rule named files by an absolute
 * path or one relative to the data folder, and a stored body that no longer parses would mark every
 * lead on it damaged. The `media/…` rule is a validation problem (validateScript, so validate,
 * publish and import refuse it) and start-up copies such files into the library (legacyScriptMedia).
 */

export const mediaSchema = z.object({
  kind: z.enum(['photo', 'video', 'document', 'voice']),
  /** `media/<file>` in the data folder (the editor stores picked files as `media/library/<content hash>.<ext>`); see above for older paths. */
  path: z.string().min(1).max(4096),
});

export const messageStepSchema = z.object({
  ...stepBase,
  type: z.literal('message'),
  messages: z
    .array(
      z.object({
        text: templateTextSchema.default(''),
        media: mediaSchema.optional(),
        /** Pause before this message, on top of the account's human-like delay. */
        delay: durationSchema.optional(),
      }),
    )
    .min(1, 'messagesEmpty'),
  /** Send each non-empty line as its own Telegram message. */
  splitLines: z.boolean().default(false),
  /** Stay at this step until the lead answers, then continue to `next` with that answer. */
  waitForReply: z.boolean().default(false),
  next: idSchema.optional(),
  pushes: z.array(pushSchema).default([]),
});

export const abRouterStepSchema = z.object({
  ...stepBase,
  type: z.literal('ab_router'),
  /** `fixed`: the weights as given; `auto`: Thompson sampling on `goalEvent`. */
  mode: z.enum(['fixed', 'auto']).default('fixed'),
  goalEvent: z.string().min(1).optional(),
  variants: z
    .array(
      z.object({
        id: idSchema,
        title: z.string().max(200).default(''),
        weight: z.number().min(0).max(100),
        target: idSchema,
      }),
    )
    .min(2, 'variantsTooFew'),
});

export const changeFlowStepSchema = z.object({
  ...stepBase,
  type: z.literal('change_flow'),
  flow: idSchema,
  /** Defaults to the target flow's start step. */
  step: idSchema.optional(),
});

export const aiRouteSchema = z.object({
  id: idSchema,
  title: z.string().min(1).max(200),
  /** When this route applies, in plain words, for the AI router. */
  condition: z.string().min(1).max(2000),
  /** Phrases that select this route when no AI provider is available (normalised, RU/EN). */
  examples: z.array(z.string().min(1).max(200)).default([]),
  /** Fires at most once per lead. */
  once: z.boolean().default(false),
  target: idSchema,
});
export type AiRoute = z.infer<typeof aiRouteSchema>;

export const aiReplyStepSchema = z.object({
  ...stepBase,
  type: z.literal('ai_reply'),
  opening: z
    .discriminatedUnion('mode', [
      z.object({ mode: z.literal('none') }),
      z.object({ mode: z.literal('fixed'), text: templateTextSchema.min(1) }),
      z.object({ mode: z.literal('generated'), instructions: templateTextSchema.default('') }),
    ])
    .default({ mode: 'none' }),
  goal: templateTextSchema.default(''),
  /** YES/NO condition for leaving by `next`; unused when routes exist or the step is endless. */
  requirements: templateTextSchema.default(''),
  legend: templateTextSchema.default(''),
  instructions: templateTextSchema.default(''),
  routes: z.array(aiRouteSchema).default([]),
  /** Never leaves by itself: only routes, auto actions or the operator move the lead on. */
  endless: z.boolean().default(false),
  /** If the answer that brought the lead here already satisfies a route/requirements, move on without replying. */
  skipOnFirstRun: z.boolean().default(false),
  next: idSchema.optional(),
  splitLines: z.boolean().default(false),
  /** What happens when the AI provider fails past its retries. A lead never receives an error text. */
  onAiFailure: z.enum(['manual', 'fallback', 'retry']).default('manual'),
  fallbackText: templateTextSchema.optional(),
  pushes: z.array(pushSchema).default([]),
});

const compareOps = z.enum(['is', 'not', 'contains', 'exists', 'missing', 'gt', 'lt']);

export const conditionRuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('tag'), op: z.enum(['has', 'not_has']), tag: tagNameSchema }),
  z.object({ kind: z.literal('field'), key: keySchema, op: compareOps, value: z.union([z.string(), z.number()]).optional() }),
  z.object({ kind: z.literal('tracker'), key: keySchema, op: compareOps, value: z.union([z.string(), z.number()]).optional() }),
  z.object({
    kind: z.literal('time'),
    op: z.enum(['between', 'not_between']),
    from: clockTimeSchema,
    to: clockTimeSchema,
    /** ISO weekdays 1 (Mon) … 7 (Sun); all days when omitted. */
    days: z.array(z.number().int().min(1).max(7)).optional(),
  }),
  z.object({ kind: z.literal('event'), op: z.enum(['received', 'not_received']), event: z.string().min(1) }),
  z.object({
    kind: z.literal('deposit'),
    metric: z.enum(['total', 'count', 'first']),
    op: z.enum(['gt', 'gte', 'lt', 'lte', 'is']),
    value: z.number(),
  }),
]);
export type ConditionRule = z.infer<typeof conditionRuleSchema>;

export const conditionStepSchema = z.object({
  ...stepBase,
  type: z.literal('condition'),
  branches: z
    .array(
      z.object({
        id: idSchema,
        title: z.string().max(200).default(''),
        match: z.enum(['all', 'any']).default('all'),
        rules: z.array(conditionRuleSchema).min(1, 'rulesEmpty'),
        target: idSchema,
      }),
    )
    .min(1, 'branchesEmpty'),
  /** Where a lead goes when no branch matches; without it the lead is handed to a human. */
  else: idSchema.optional(),
});

export const waitStepSchema = z.object({
  ...stepBase,
  type: z.literal('wait'),
  until: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('duration'), duration: durationSchema }),
    /** The next occurrence of a clock time in `timezone` (the script's timezone by default). */
    z.object({ kind: z.literal('clock'), time: clockTimeSchema, timezone: z.string().optional() }),
    /** The time the lead named in their last answer ("через час", "вечером", "tomorrow morning"). */
    z.object({
      kind: z.literal('lead_time'),
      fallback: durationSchema,
      min: durationSchema.optional(),
      max: durationSchema.optional(),
    }),
    z.object({
      kind: z.literal('event'),
      events: z.array(z.string().min(1)).min(1),
      timeout: durationSchema.optional(),
      timeoutTarget: idSchema.optional(),
    }),
  ]),
  /** A reply while waiting: ignore it, keep it for when the wait ends, or end the wait now. */
  onMessage: onMessageSchema.default('queue'),
  next: idSchema,
  /** With `onMessage: wake`: where a reply sends the lead (defaults to `next`). */
  wakeTarget: idSchema.optional(),
});

export const tagStepSchema = z.object({
  ...stepBase,
  type: z.literal('tag'),
  add: z.array(tagNameSchema).default([]),
  remove: z.array(tagNameSchema).default([]),
  next: idSchema.optional(),
});

export const setFieldStepSchema = z.object({
  ...stepBase,
  type: z.literal('set_field'),
  assignments: z.array(z.object({ key: keySchema, value: templateTextSchema })).min(1),
  next: idSchema.optional(),
});

export const imageCheckStepSchema = z.object({
  ...stepBase,
  type: z.literal('image_check'),
  /** Sent on entering the step, e.g. "Пришлите скриншот с вашим ID". */
  prompt: templateTextSchema.optional(),
  tasks: z
    .array(
      z.object({
        field: keySchema,
        instruction: z.string().min(1).max(2000),
        /** The extracted value must match this regular expression (e.g. `^\d{6,12}$`). */
        pattern: z.string().max(500).optional(),
      }),
    )
    .min(1, 'tasksEmpty'),
  maxAttempts: z.number().int().min(1).max(20).default(3),
  onSuccess: idSchema,
  onNotRecognised: idSchema.optional(),
  notRecognisedText: templateTextSchema.optional(),
  onNoImage: idSchema.optional(),
  noImageText: templateTextSchema.optional(),
});

export const manualStepSchema = z.object({
  ...stepBase,
  type: z.literal('manual'),
  reason: z.string().max(500).default(''),
});

export const webhookStepSchema = z.object({
  ...stepBase,
  type: z.literal('webhook'),
  method: z.enum(['GET', 'POST']).default('POST'),
  url: templateTextSchema.min(1),
  body: templateTextSchema.optional(),
  headers: z.record(z.string(), templateTextSchema).default({}),
  /** Names of headers whose values are secret (API keys): an export leaves their values out unless asked. */
  secretHeaders: z.array(z.string().max(200)).max(50).default([]),
  retries: z.number().int().min(0).max(10).default(2),
  timeout: durationSchema.default('10s'),
  /** Follow redirects (each hop checked like the first); off: a redirect is a failure. */
  followRedirects: z.boolean().default(false),
  /** Response JSON values written to fields: `path` is a dot path such as `data.user.id`. */
  saveResponse: z.array(z.object({ field: keySchema, path: z.string().min(1) })).default([]),
  next: idSchema.optional(),
  onError: idSchema.optional(),
});

export const gotoStepSchema = z.object({ ...stepBase, type: z.literal('goto'), target: idSchema });
export const endStepSchema = z.object({ ...stepBase, type: z.literal('end') });
export const noteStepSchema = z.object({
  ...stepBase,
  type: z.literal('note'),
  text: z.string().max(8000).default(''),
  next: idSchema.optional(),
});

export const stepSchema = z.discriminatedUnion('type', [
  messageStepSchema,
  abRouterStepSchema,
  changeFlowStepSchema,
  aiReplyStepSchema,
  conditionStepSchema,
  waitStepSchema,
  tagStepSchema,
  setFieldStepSchema,
  imageCheckStepSchema,
  manualStepSchema,
  webhookStepSchema,
  gotoStepSchema,
  endStepSchema,
  noteStepSchema,
]);

export type Step = z.infer<typeof stepSchema>;
export type StepType = Step['type'];
export type StepOf<T extends StepType> = Extract<Step, { type: T }>;
export const stepTypes = stepSchema.options.map((o) => o.shape.type.value) as StepType[];
