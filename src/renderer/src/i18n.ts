import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { messages } from '../../shared/i18n';
import type { Language } from '../../shared/settings';

/**
 * A text the UI asks for that neither language has is logged as `i18n: missing key <lng> <key>` (the
 * e2e suite fails on it). Lookups with a `defaultValue` are deliberate fallbacks (user-defined event
 * names, a server's own message) and are not reported.
 */
function reportMissing(lngs: readonly string[], _ns: string, key: string, _fallback: string, _update: boolean, options: unknown): void {
  if (options && typeof options === 'object' && 'defaultValue' in options && options.defaultValue !== undefined) return;
  // eslint-disable-next-line no-console -- the one channel a missing text has to the developer and the e2e suite
  console.error('i18n: missing key', lngs.join(','), key);
}

export async function initI18n(language: Language): Promise<void> {
  await i18next.use(initReactI18next).init({
    lng: language,
    fallbackLng: 'en',
    resources: { ru: { translation: messages.ru }, en: { translation: messages.en } },
    interpolation: { escapeValue: false },
    returnNull: false,
    // No backend: saveMissing only routes misses to the handler.
    saveMissing: true,
    saveMissingTo: 'current',
    missingKeyHandler: reportMissing,
  });
  document.documentElement.lang = language;
}

export async function applyLanguage(language: Language): Promise<void> {
  if (i18next.language !== language) await i18next.changeLanguage(language);
  document.documentElement.lang = language;
}
