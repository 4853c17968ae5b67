import { z } from 'zod';
import { deviceProfileSchema, proxyInputSchema } from './accounts';

/**
 * Bringing accounts in the way operators have them: Telegram Desktop `tdata` (folder or .zip),
 * Telethon `.session` (+ its `.json`), Pyrogram `.session`, and Telethon / Pyrogram / gramjs
 * string sessions. Each account is checked by connecting before it is saved; the batch answers one
 * row per account.
 */

/** The device an imported account came with (the `.json`, or Telegram Desktop's own for tdata); it becomes the account's device profile. */
export const importedDeviceSchema = deviceProfileSchema;
export type ImportedDevice = z.infer<typeof importedDeviceSchema>;

export const importFormats = ['tdata', 'telethon_session', 'pyrogram_session', 'telethon_string', 'pyrogram_string', 'gramjs_string', 'voronka_export', 'unknown'] as const;
export type ImportFormat = (typeof importFormats)[number];

export const importOutcomes = [
  /** Connected, checked and saved. */
  'imported',
  /** The same Telegram account is already in Voronka (or twice in this batch); nothing changed. */
  'already_present',
  /** AUTH_KEY_UNREGISTERED / unknown key: the session was logged out or never valid. */
  'dead',
  /** AUTH_KEY_DUPLICATED: the session was used from two places at once and Telegram killed it. */
  'duplicated',
  /** USER_DEACTIVATED(_BAN): Telegram closed the account. */
  'banned',
  /** Not a format Voronka reads, or a damaged file. */
  'wrong_format',
  /** The session waits for its 2FA password (none given, or a wrong one). */
  'needs_password',
  /** No API id/hash: the format does not carry them and none were given for the batch. */
  'needs_api',
  /** A Voronka account export whose password is missing or wrong; nothing was imported. */
  'export_password',
  /** Anything else (network, timeout, proxy): worth trying again. */
  'failed',
] as const;
export type ImportOutcome = (typeof importOutcomes)[number];

export const importRowSchema = z.object({
  /** What the row came from: a file name, `folder/tdata` (account 2), `line 3 of pasted text`. */
  source: z.string(),
  format: z.enum(importFormats),
  outcome: z.enum(importOutcomes),
  /** The account saved or matched, when known. */
  account: z.object({ id: z.number().int().nullable(), displayName: z.string().nullable(), username: z.string().nullable(), phone: z.string().nullable() }).nullable(),
  /** The technical reason (Telegram's error name, the parser's complaint), for the details column. */
  detail: z.string().nullable(),
  /** Said in the row even when it imported: e.g. the same session is still used elsewhere. */
  warning: z.enum(['session_shared']).nullable(),
  device: importedDeviceSchema.nullable(),
});
export type ImportRow = z.infer<typeof importRowSchema>;

/** One dropped file: its path relative to what was dropped (folders keep their structure). */
export const importFileSchema = z
  .object({
    path: z.string().trim().min(1).max(1024),
    dataBase64: z.string().max(8 * 1024 * 1024),
  })
  .strict();
export type ImportFileInput = z.infer<typeof importFileSchema>;

const apiId = z.number().int().positive();
const apiHash = z.string().regex(/^[0-9a-f]{32}$/i, 'apiHash');

export const importBatchInputSchema = z
  .object({
    files: z.array(importFileSchema).max(5000).default([]),
    /** Pasted session strings, one per line. */
    text: z.string().max(1024 * 1024).default(''),
    /** For formats without their own (string sessions, Pyrogram): the API id/hash to connect with. */
    apiId: apiId.optional(),
    apiHash: apiHash.optional(),
    /** 2FA password for sessions that wait for one (a `.json`'s own password wins). */
    password: z.string().min(1).max(256).optional(),
    /** The password a Voronka account export (`.voronka-account`) was sealed with. */
    exportPassword: z.string().min(1).max(256).optional(),
    /** Telegram Desktop's local passcode, when `tdata` is locked with one. */
    tdataPasscode: z.string().min(1).max(256).optional(),
    proxy: proxyInputSchema.nullable().optional(),
    scriptId: z.number().int().nullable().optional(),
  })
  .strict()
  .refine((v) => v.files.length > 0 || v.text.trim().length > 0, 'Drop files or paste session strings')
  .refine((v) => (v.apiId === undefined) === (v.apiHash === undefined), 'Give both the API id and the API hash, or neither');
export type ImportBatchInput = z.output<typeof importBatchInputSchema>;

/** At least this long: the export holds the whole account (its session), and the file may travel. */
export const exportPasswordMinLength = 8;

export const exportAccountInputSchema = z
  .object({
    accountId: z.number().int().positive(),
    password: z.string().min(exportPasswordMinLength, `The export password needs at least ${exportPasswordMinLength} characters`).max(256),
  })
  .strict();

export const accountImportContract = {
  /**
   * The account's session, API id/hash, device profile and proxy, sealed with a password (scrypt +
   * AES-256-GCM) into one file to carry to another machine, where the import wizard reads it.
   */
  'accounts.exportEncrypted': { input: exportAccountInputSchema, output: z.object({ fileName: z.string(), dataBase64: z.string() }) },
  /** Reads every account in the dropped files / pasted text, checks each by connecting, saves the good ones. */
  'accounts.importBatch': { input: importBatchInputSchema, output: z.object({ rows: z.array(importRowSchema) }) },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export const accountImportEvents = {
  /** One row as soon as its account is checked, so a long batch shows progress. */
  'accounts.importProgress': z.object({ done: z.number().int(), total: z.number().int(), row: importRowSchema }),
} as const satisfies Record<string, z.ZodType>;
