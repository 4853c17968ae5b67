import { appMessageSchema } from '../appMessage';
import { z } from 'zod';
import { leadStatusSchema } from '../script/script';

export const emulatorStateSchema = z.object({
  sessionId: z.string(),
  now: z.number(),
  timezone: z.string(),
  lead: z.object({
    status: leadStatusSchema,
    statusReason: appMessageSchema.nullable(),
    flowId: z.string().nullable(),
    flowName: z.string().nullable(),
    stepId: z.string().nullable(),
    stepTitle: z.string().nullable(),
    tags: z.array(z.string()),
    fields: z.record(z.string(), z.union([z.string(), z.number()])),
    variants: z.record(z.string(), z.string()),
  }),
  messages: z.array(
    z.object({
      id: z.number().int(),
      direction: z.enum(['in', 'out']),
      sender: z.string(),
      text: z.string(),
      /** The media kind (photo, voice…). */
      media: z.string().nullable(),
      /** A photo's preview as a data URL, when the file can be read. */
      mediaUrl: z.string().nullable(),
      ts: z.number(),
    }),
  ),
  /** AI decisions, transitions and other timeline entries, newest last. */
  events: z.array(z.object({ id: z.number().int(), type: z.string(), payload: z.record(z.string(), z.unknown()), ts: z.number() })),
  /** Next due timer (wait, push, retry), so the UI can offer "jump to it". */
  nextTimerAt: z.number().nullable(),
});
export type EmulatorState = z.infer<typeof emulatorStateSchema>;

const session = { sessionId: z.string().max(64) };

/**
 * A fake lead chatting with a script: a throwaway in-memory world (its own SQLite, a virtual clock),
 * the real engine, and the app's AI provider (or offline fallbacks). Nothing touches Telegram.
 */
export const emulatorMethods = {
  'emulator.start': {
    input: z
      .object({
        scriptId: z.number().int(),
        /** Start from this step instead of the script's start. */
        startAt: z.object({ flowId: z.string(), stepId: z.string() }).nullable().default(null),
        /** Test the unpublished draft instead of the running version. */
        useDraft: z.boolean().default(false),
        lead: z.object({ firstName: z.string().max(100).default('Тест'), username: z.string().max(100).nullable().default(null) }).default({ firstName: 'Тест', username: null }),
        tracker: z.record(z.string(), z.string().max(500)).default({}),
        /** Webhooks and tracker events really go out (off: they are answered in place, nothing is sent). */
        realRequests: z.boolean().default(false),
      })
      .strict(),
    output: emulatorStateSchema,
  },
  'emulator.say': { input: z.object({ ...session, text: z.string().min(1).max(4096) }).strict(), output: emulatorStateSchema },
  /** A picture as a data URL (PNG/JPEG), as if the lead sent a photo. */
  'emulator.photo': { input: z.object({ ...session, dataUrl: z.string().max(15_000_000).regex(/^data:image\/(png|jpeg|webp);base64,/), caption: z.string().max(1000).default('') }).strict(), output: emulatorStateSchema },
  'emulator.postback': { input: z.object({ ...session, event: z.string().min(1).max(64), payout: z.number().nullable().default(null) }).strict(), output: emulatorStateSchema },
  /** Jumps the virtual clock; every wait, push and timeout due on the way fires. */
  'emulator.advance': { input: z.object({ ...session, ms: z.number().int().min(1).max(90 * 86_400_000) }).strict(), output: emulatorStateSchema },
  'emulator.stop': { input: z.object(session).strict(), output: z.object({ ok: z.literal(true) }) },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export const emulatorEvents = {} as const satisfies Record<string, z.ZodType>;
