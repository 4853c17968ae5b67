import type { operatorDeskEn } from '../en/operatorDesk';
import type { SameKeys } from '../sameKeys';

/** Задача 15 (редактор, эмулятор, скрипты и аккаунты): тексты второго прохода по рабочему месту оператора. */
export const operatorDeskRu: SameKeys<typeof operatorDeskEn> = {
  desk: {
    saved: 'Сохранено',
    savedWhat: '{{what}}: сохранено',
    published: 'Опубликована версия {{revision}}',
    publishedNone: 'Этот скрипт пока не запущен ни на одном аккаунте: выберите его для аккаунта на странице «Аккаунты».',
    publishedAccounts: 'Теперь работает на аккаунтах: {{accounts}}.',
    notSaved: 'Не сохранено',
    neverPublished: 'Черновик — ещё не опубликован',
    switchTitle: 'Сменить скрипт аккаунта {{account}}?',
    switchTo: 'Новые диалоги этого аккаунта начнутся в «{{to}}».',
    switchToNone: 'Без скрипта новые диалоги этого аккаунта не получат автоматических ответов: они будут ждать вас во входящих.',
    existingLeads: 'Лидов на «{{script}}»: {{n}} (в работе: {{active}}). Они останутся на этом скрипте.',
    existingLeadsNoScript: 'Лидов без скрипта: {{n}}. Они останутся как есть.',
    noExistingLeads: 'У этого аккаунта пока нет лидов.',
    switchConfirm: 'Сменить',
    scriptSwitched: 'Скрипт аккаунта {{account}} сменён',
    stepIn: 'в «{{flow}}»',
    problemsWarnings: 'Проблемы: {{errors}} · предупреждения: {{warnings}}',
    problemsSummary: 'Проблем: {{errors}}, предупреждений: {{warnings}}',
    currentStep: 'Лид здесь',
    followLead: 'Следить за лидом на холсте',
    postbackLine: 'Постбэк: {{event}}',
    systemLine: 'Система',
    photo: 'Фото',
    sessionChecking: 'Проверяем сессию…',
    untitled: '(без названия)',
  },
};
