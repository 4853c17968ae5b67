import { z } from 'zod';
import { appMessageFields } from '../appMessage';
import { noInput } from './common';
import { mediaUploadSchema, storedUploadSchema } from './media';

/** A script problem: the JSON path and a coded message (see ScriptProblem). */
const problem = z.object({ path: z.string(), ...appMessageFields });

export const scriptSummarySchema = z.object({
  id: z.number().int(),
  name: z.string(),
  revision: z.number().int(),
  updatedAt: z.number(),
  flows: z.number().int(),
  steps: z.number().int(),
  /** Accounts running this script. */
  accounts: z.number().int(),
  /** An unpublished draft differs from the running version. */
  hasDraft: z.boolean(),
});
export type ScriptSummary = z.infer<typeof scriptSummarySchema>;

export const scriptDetailSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  revision: z.number().int(),
  updatedAt: z.number(),
  /** The running (published, valid) body. */
  body: z.unknown(),
  /** The editor's latest autosaved body, possibly invalid; null when none. */
  draft: z.unknown().nullable(),
});

const validationSchema = z.object({ problems: z.array(problem), warnings: z.array(problem) });

/** RPC methods for scripts: the editor, import/export, templates. */
export const scriptsMethods = {
  'scripts.list': { input: noInput, output: z.array(scriptSummarySchema) },
  'scripts.get': { input: z.object({ id: z.number().int() }).strict(), output: scriptDetailSchema },
  'scripts.templates': {
    input: noInput,
    output: z.array(z.object({ key: z.string(), name: z.string(), description: z.string(), flows: z.number().int(), steps: z.number().int() })),
  },
  /** From a template, or an empty one-flow script; a draft (revision 0) under a unique name. */
  'scripts.create': { input: z.object({ template: z.string().max(100).optional(), name: z.string().trim().min(1).max(200).optional() }).strict(), output: z.object({ id: z.number().int() }) },
  /** Validates a JSON file's content and imports it with fresh ids; nothing is stored if invalid. */
  'scripts.import': {
    input: z
      .object({
        json: z.string().max(5_000_000),
        /**
         * The script's media files, picked with it, matched to its `media/…` paths by the name export
         * gives them (`mediaExportName`) and copied in: inline (small files), or stored first with
         * `media.store` and given by path, one file per call, so no request outgrows the 8 MB frame.
         */
        files: z.array(z.union([mediaUploadSchema, storedUploadSchema])).max(50).default([]),
      })
      .strict(),
    output: z.discriminatedUnion('ok', [z.object({ ok: z.literal(true), id: z.number().int(), warnings: z.array(problem) }), z.object({ ok: z.literal(false), problems: z.array(problem) })]),
  },
  /** The script as a file; values of webhook headers marked secret are left out unless `includeSecrets`. */
  'scripts.export': {
    input: z.object({ id: z.number().int(), includeSecrets: z.boolean().default(false) }).strict(),
    output: z.object({ fileName: z.string(), json: z.string(), secretsLeftOut: z.number().int() }),
  },
  'scripts.validate': { input: z.object({ body: z.unknown() }).strict(), output: validationSchema },
  /** Autosave: stores the editor's body as a draft, valid or not; refused (conflict) if its name is another script's. */
  'scripts.saveDraft': { input: z.object({ id: z.number().int(), body: z.unknown() }).strict(), output: z.object({ savedAt: z.number() }) },
  /** Makes the draft (or the given body) the running version; refused with the problems if invalid. */
  'scripts.publish': {
    input: z.object({ id: z.number().int(), body: z.unknown(), revision: z.number().int() }).strict(),
    output: z.discriminatedUnion('ok', [
      // `accounts`: the switched-on accounts that now run this version (empty: nobody runs it yet).
      z.object({ ok: z.literal(true), revision: z.number().int(), accounts: z.array(z.object({ id: z.number().int(), name: z.string() })) }),
      z.object({ ok: z.literal(false), problems: z.array(problem) }),
    ]),
  },
  /** A copy as a new draft, named with a suffix (`Name (2)`). */
  /**
   * Before an account's script changes: its leads per script. Leads keep the script they started
   * with; only new chats take the account's new script.
   */
  'scripts.accountLeads': {
    input: z.object({ accountId: z.number().int().positive() }).strict(),
    output: z.array(z.object({ scriptId: z.number().int().nullable(), scriptName: z.string().nullable(), leads: z.number().int(), active: z.number().int() })),
  },
  'scripts.duplicate': { input: z.object({ id: z.number().int() }).strict(), output: z.object({ id: z.number().int() }) },
  /** Archives (undo with scripts.restore). */
  'scripts.archive': { input: z.object({ id: z.number().int() }).strict(), output: z.object({ ok: z.literal(true) }) },
  'scripts.restore': { input: z.object({ id: z.number().int() }).strict(), output: z.object({ ok: z.literal(true) }) },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export const scriptsEvents = {
  'scripts.changed': z.object({ id: z.number().int() }),
} as const satisfies Record<string, z.ZodType>;
