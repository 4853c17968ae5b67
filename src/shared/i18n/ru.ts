import type { en } from './en';
import { accountsImportRu } from './ru/accountsImport';
import { accountsRu, trackerRu } from './ru/accountsTracker';
import { commonRu } from './ru/common';
import { editorRu } from './ru/editor';
import { inboxRu } from './ru/inbox';
import { settingsExtraRu } from './ru/settingsExtra';
import { maintenanceRu } from './ru/maintenance';
import { inspectorRu } from './ru/inspector';
import { messengerRu } from './ru/messenger';
import { statsRu } from './ru/stats';
import { serverMessagesRu } from './ru/serverMessages';
import { technicalDetailRu } from './ru/technicalDetail';
import { trackerPresetsRu } from './ru/trackerPresets';
import { notifyRu } from './ru/notify';
import { mediaPickerRu } from './ru/mediaPicker';
import { firstRunRu } from './ru/firstRun';
import { operatorDeskRu } from './ru/operatorDesk';
import type { SameKeys } from './sameKeys';

/** Russian UI texts, the primary language of Voronka's users. */
export const ru: SameKeys<typeof en> = {
  ...commonRu,
  ...editorRu,
  ...inspectorRu,
  ...settingsExtraRu,
  ...maintenanceRu,
  accountsImport: accountsImportRu,
  notify: notifyRu,
  mediaPicker: mediaPickerRu,
  firstRun: firstRunRu,
  ...messengerRu,
  msg: serverMessagesRu,
  technicalDetail: technicalDetailRu,
  ...operatorDeskRu,
  app: {
    name: 'Voronka',
    tagline: 'Воронки в личках Telegram',
  },
  nav: {
    scripts: 'Скрипты',
    inbox: 'Чаты',
    stats: 'Статистика',
    accounts: 'Аккаунты',
    tracker: 'Трекер',
    settings: 'Настройки',
  },
  connection: {
    connecting: 'Подключаемся к Voronka…',
    lost: 'Связь с Voronka потеряна. Переподключаемся…',
    unauthorized: 'В ссылке нет действующего токена доступа. Откройте адрес, который напечатал headless-режим.',
  },
  errors: {
    invalid_input: 'Некоторые значения заполнены неверно.',
    unknown_method: 'Эта версия приложения не поддерживает такое действие.',
    not_found: 'Не найдено.',
    conflict: 'Конфликт с текущим состоянием. Обновите и попробуйте ещё раз.',
    unauthorized: 'Нет доступа.',
    unavailable: 'Сервис сейчас недоступен.',
    internal: 'Что-то пошло не так. Подробности в журнале.',
  },
  scripts: {
    title: 'Скрипты',
    emptyTitle: 'Скриптов пока нет',
    emptyBody:
      'Скрипт — это ваша воронка: флоу из степов — сообщения, A/B-приветствия, AI-ответы и AI Routing, заглушки, проверка скриншотов, — которые отвечают каждому лиду. Здесь вы будете создавать скрипты, импортировать их из JSON и начинать с двух готовых шаблонов.',
    emptyNext: 'Сначала добавьте аккаунт Telegram, затем создайте скрипт из шаблона и назначьте его аккаунту.',
  },
  inbox: {
    ...inboxRu,
    title: 'Чаты',
    emptyTitle: 'Чатов пока нет',
    emptyBody:
      'Каждый лид, написавший в ваши лички, появится здесь в реальном времени — со степом, тегами и полями. Любой чат можно забрать на ручную обработку в один клик и вернуть в воронку.',
    emptyNext: 'Чаты появятся, когда аккаунт подключён и лид напишет в него.',
  },
  stats: {
    ...statsRu,
    variant: 'Вариант',
    assigned: 'Назначено',
    replied: 'Ответили',
    registrations: 'Регистрации',
    firstDeposits: 'Первые депозиты',
    reDeposits: 'Повторные депозиты',
    replyRate: 'Доля ответов',
    registrationRate: 'Конверсия в регистрацию',
    depositRate: 'Конверсия в депозит',
    funnel: 'Воронка по степам',
    entered: 'Вошли',
    waitingNow: 'Ждут сейчас',
    passed: 'Прошли',
    noData: 'Нет данных за этот период.',
    eventsByDay: 'События по дням',
    newLeads: 'Новые лиды',
    aiUsage: 'Токены и расходы AI по дням',
    aiTotal: 'Всего за период: {{cost}}',
    tokensIn: 'Токены на вход',
    tokensOut: 'Токены на выход',
    cost: 'Стоимость, $',
    from: 'С',
    to: 'По',
    abTitle: 'A/B-тесты',
    noRouters: 'В этом скрипте нет A/B-роутеров, или за этот период в них не было лидов.',
    title: 'Статистика',
    emptyTitle: 'Пока нечего считать',
    emptyBody:
      'Результаты A/B по приветствиям (ответы, регистрации, депозиты с доверительными интервалами и вероятностью, что вариант лучший), воронка по степам каждого флоу, события по дням и расходы на AI.',
    emptyNext: 'Цифры появятся, когда лиды пойдут по активному скрипту.',
  },
  accounts: {
    ...accountsRu,
    title: 'Аккаунты',
    emptyTitle: 'Нет аккаунтов Telegram',
    emptyBody:
      'Подключите личные аккаунты Telegram (телефон, код, пароль 2FA или готовая строка сессии), задайте прокси для каждого и выберите скрипт, который он ведёт.',
    emptyNext: 'Для каждого аккаунта понадобятся API id и API hash с my.telegram.org.',
  },
  tracker: {
    ...trackerRu,
    presetNames: trackerPresetsRu,
    title: 'Трекер',
    emptyTitle: 'Постбеки не настроены',
    emptyBody:
      'Voronka принимает постбеки от трекера или партнёрки (Keitaro, Binom, Voluum, BeMob, RedTrack…), связывает их с лидами по click id и двигает лидов по воронке автоэкшенами.',
    emptyNext: 'Здесь будет ссылка постбека для вашего трекера и кампанийные ссылки, которые передают click id в личку.',
  },
  settings: {
    title: 'Настройки',
    language: 'Язык',
    languageHint: 'Язык интерфейса. Хранится вместе с вашими данными и сохраняется после перезапуска.',
    saved: 'Сохранено',
    about: 'О программе',
    version: 'Версия',
    host: 'Режим',
    hostElectron: 'Десктоп-приложение',
    hostHeadless: 'Headless (в браузере)',
    dataFolder: 'Папка данных',
    database: 'База данных',
    schema: 'Версия схемы',
    comingTitle: 'Скоро здесь будет больше',
    comingBody: 'Здесь появятся AI-провайдер с проверкой подключения, «человеческие» задержки и стоп-слова.',
  },
};
