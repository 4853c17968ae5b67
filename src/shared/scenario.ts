import { z } from 'zod';
import { durationSchema } from './script/duration';
import { leadStatusSchema } from './script/script';

/** What the scripted AI answers on one turn (`voronka simulate --ai scripted`). */
export const scriptedAiSchema = z
  .object({
    /** Route title or id the router picks; null = no route. Omitted: keyword examples decide. */
    route: z.string().nullable().optional(),
    requirements: z.boolean().optional(),
    /** Reply text(s), used in order by successive reply calls of the turn. */
    reply: z.union([z.string(), z.array(z.string())]).optional(),
    /** The time the lead named: an ISO date-time, or a duration from now such as `2h`. */
    time: z.string().nullable().optional(),
    /** Values read from a screenshot, by field key. */
    fields: z.record(z.string(), z.string().nullable()).optional(),
    /** The provider is down for this turn. */
    fail: z.boolean().optional(),
  })
  .strict();
export type ScriptedAiTurn = z.infer<typeof scriptedAiSchema>;

const regexText = z.string().refine(
  (s) => {
    try {
      new RegExp(s, 'i');
      return true;
    } catch {
      return false;
    }
  },
  { message: 'regexInvalid' },
);

export const expectationSchema = z
  .object({
    /** Flow id or name. */
    flow: z.string().optional(),
    /** Step id or title. */
    step: z.string().optional(),
    status: leadStatusSchema.optional(),
    tags: z.array(z.string()).optional(),
    notTags: z.array(z.string()).optional(),
    fields: z.record(z.string(), z.union([z.string(), z.number(), z.null()])).optional(),
    /** A/B variant (id or title) drawn at a router (id or title), or at the only router. */
    variant: z.union([z.string(), z.object({ router: z.string(), variant: z.string() })]).optional(),
    /** Regexes (case-insensitive) the messages sent by the previous action must match, in order. */
    sent: z.union([regexText, z.array(regexText)]).optional(),
    /** Exactly this many messages were sent by the previous action. */
    sentCount: z.number().int().min(0).optional(),
    /** Regexes (case-insensitive) no message sent by the previous action may match. */
    notSent: z.union([regexText, z.array(regexText)]).optional(),
    /** The previous action sent nothing. */
    nothingSent: z.literal(true).optional(),
    /** Event types recorded for the lead so far. */
    events: z.array(z.string()).optional(),
    /** Event types recorded for the lead by the previous action. */
    eventsNow: z.array(z.string()).optional(),
    /** Event types never recorded for the lead so far. */
    notEvents: z.array(z.string()).optional(),
    /** The lead's tracker fields (e.g. the click id read from a campaign token); null = absent. */
    tracker: z.record(z.string(), z.union([z.string(), z.null()])).optional(),
  })
  .strict();
export type Expectation = z.infer<typeof expectationSchema>;

const operatorSchema = z.union([
  z.object({ takeover: z.literal(true) }).strict(),
  /** `true` = back to the step the lead was at; a string = that step id or title. */
  z.object({ release: z.union([z.literal(true), z.string()]) }).strict(),
  z.object({ say: z.string().min(1) }).strict(),
  z.object({ stop: z.literal(true) }).strict(),
]);

export const scenarioActionSchema = z.union([
  z.object({ say: z.string(), ai: scriptedAiSchema.optional() }).strict(),
  z.object({ photo: z.string().min(1), caption: z.string().optional(), ai: scriptedAiSchema.optional() }).strict(),
  z
    .object({
      postback: z.union([
        z
          .object({
            event: z.string().min(1),
            payout: z.number().optional(),
            currency: z.string().optional(),
            tid: z.string().optional(),
            /** Click id the postback carries; default: the lead's (a postback for another click id waits as pending). */
            clickid: z.string().min(1).optional(),
          })
          .strict(),
        /** A real request to the real listener (port 0): a query string (GET) or a JSON body (POST). */
        z.object({ http: z.string().min(1).max(100_000), preset: z.string().min(1).max(32) }).strict(),
      ]),
    })
    .strict(),
  z.object({ advance: durationSchema, ai: scriptedAiSchema.optional() }).strict(),
  z.object({ operator: operatorSchema }).strict(),
  z.object({ expect: expectationSchema }).strict(),
]);
export type ScenarioAction = z.infer<typeof scenarioActionSchema>;

/** What an outside URL answers a webhook step or a "send event to tracker" action. */
export const scriptedWebhookSchema = z
  .object({
    /** Regex (case-insensitive) on the full request URL; the first matching entry answers. */
    url: regexText,
    status: z.number().int().min(100).max(599).default(200),
    body: z.union([z.string(), z.record(z.string(), z.unknown()), z.array(z.unknown())]).default('{}'),
    /** How long the answer takes; longer than the step's timeout is a timeout. */
    delay: durationSchema.optional(),
    /** The request fails without an answer (connection refused, DNS): true or the error text. */
    fail: z.union([z.literal(true), z.string().min(1)]).optional(),
  })
  .strict();
export type ScriptedWebhook = z.infer<typeof scriptedWebhookSchema>;

export const scenarioSchema = z
  .object({
    name: z.string().default(''),
    /** Virtual start time (ISO 8601 with offset). */
    start: z.iso.datetime({ offset: true }).default('2026-03-02T12:00:00+03:00'),
    seed: z.number().int().default(1),
    lead: z
      .object({
        first_name: z.string().optional(),
        last_name: z.string().optional(),
        username: z.string().optional(),
        /** Tags the lead starts with. */
        tags: z.array(z.string().min(1)).optional(),
        /** The lead's starting status, e.g. `manual` (a human has the chat) or `stopped`. */
        status: leadStatusSchema.optional(),
      })
      .strict()
      .default({}),
    tracker: z.record(z.string(), z.string()).default({}),
    fields: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
    settings: z
      .object({ debounce: durationSchema.optional(), stopWords: z.array(z.string()).optional() })
      .strict()
      .default({}),
    /** Scripted answers of outside URLs; a URL no entry matches answers 200 with `{}`. */
    webhooks: z.array(scriptedWebhookSchema).default([]),
    actions: z.array(scenarioActionSchema).min(1, 'A scenario needs at least one action'),
  })
  .strict();
export type Scenario = z.infer<typeof scenarioSchema>;
