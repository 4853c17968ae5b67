/**
 * The UI languages, without zod: the renderer picks one before its first paint, and evaluating the
 * settings schemas there would cost that paint ~10 ms (settings.ts builds the schema from this list).
 */
export const languages = ['ru', 'en'] as const;
export type Language = (typeof languages)[number];

/** Picks the UI language for a locale string such as `ru-RU` or `en_US.UTF-8`. */
export function languageForLocale(locale: string | undefined): Language {
  return locale?.toLowerCase().startsWith('ru') ? 'ru' : 'en';
}
