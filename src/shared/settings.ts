import { z } from 'zod';
import { languages, type Language } from './language';

export { languageForLocale, type Language } from './language';
export const languageSchema = z.enum(languages) satisfies z.ZodType<Language>;

/**
 * Every user-facing setting, with its default. Stored as one row per key in the `settings` table;
 * a key missing from the db reads as its default, so adding a setting needs no migration.
 */
export const settingsSchema = z.object({
  language: languageSchema,
  /** A lead who writes one of these is tagged `stopped` and never messaged automatically again. */
  stopWords: z.array(z.string().trim().min(1).max(100)).max(500),
  /** Quiet window that merges a burst of messages into one AI turn, in seconds (0 = off). */
  debounceSeconds: z.number().min(0).max(120),
});
export type Settings = z.infer<typeof settingsSchema>;

/** A partial update: only the keys given are written. Unknown keys are rejected, not ignored. */
export const settingsPatchSchema = settingsSchema.partial().strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;
