import type { Language } from '../../shared/settings';

/**
 * What the desktop app says when the key's protection and the OS keychain disagree (main-process
 * dialogs, before any window: in the OS language, Russian or English).
 */
const texts = {
  en: {
    availableMessage: 'The system keychain is available now',
    availableDetail:
      'The key that encrypts your Telegram sessions and API keys is protected only by the data folder\'s file permissions (no keychain was available when it was made). Protect it with the system keychain now? The key stays the same: nothing is lost either way.',
    protect: 'Protect with the keychain',
    notNow: 'Not now',
    unavailableMessage: 'The system keychain cannot open your key',
    tryAgain: 'Try again',
    quit: 'Quit',
    rewrapFailedMessage: 'Could not protect the key with the system keychain',
    rewrapFailedDetail: 'The key stays protected by the data folder\'s file permissions, as before: nothing is lost. You will be asked again on the next start.',
  },
  ru: {
    availableMessage: 'Системное хранилище ключей теперь доступно',
    availableDetail:
      'Ключ, которым зашифрованы сессии Telegram и API-ключи, защищён только правами доступа к папке данных (когда он создавался, хранилища ключей не было). Защитить его системным хранилищем сейчас? Ключ останется тем же: ничего не потеряется в любом случае.',
    protect: 'Защитить хранилищем',
    notNow: 'Не сейчас',
    unavailableMessage: 'Системное хранилище ключей не может открыть ваш ключ',
    tryAgain: 'Попробовать снова',
    quit: 'Выйти',
    rewrapFailedMessage: 'Не удалось защитить ключ системным хранилищем',
    rewrapFailedDetail: 'Ключ по-прежнему защищён правами доступа к папке данных: ничего не потеряно. Вопрос повторится при следующем запуске.',
  },
} as const;

export function keychainTexts(language: Language): (typeof texts)[keyof typeof texts] {
  return texts[language];
}

/** The detail line of the "cannot open" dialog (the error itself is English: it also goes to the log). */
export function keychainUnavailableDetail(language: Language, path: string, reason: string): string {
  return language === 'ru'
    ? `Ключ (${path}) защищён системным хранилищем ключей, которое сейчас не может его открыть (${reason}). Ничего не изменено, сессии не потеряны: разблокируйте или установите хранилище (в Linux — GNOME Keyring или KWallet) и нажмите «Попробовать снова».`
    : `The key (${path}) is protected by the system keychain, which cannot open it now (${reason}). Nothing was changed and no session is lost: unlock or install the keychain (on Linux: GNOME Keyring or KWallet) and press "Try again".`;
}
