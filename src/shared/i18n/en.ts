import { accountsImportEn } from './en/accountsImport';
import { accountsEn, trackerEn } from './en/accountsTracker';
import { commonEn } from './en/common';
import { editorEn } from './en/editor';
import { inboxEn } from './en/inbox';
import { settingsExtraEn } from './en/settingsExtra';
import { maintenanceEn } from './en/maintenance';
import { inspectorEn } from './en/inspector';
import { messengerEn } from './en/messenger';
import { statsEn } from './en/stats';
import { serverMessagesEn } from './en/serverMessages';
import { technicalDetailEn } from './en/technicalDetail';
import { trackerPresetsEn } from './en/trackerPresets';
import { notifyEn } from './en/notify';
import { mediaPickerEn } from './en/mediaPicker';
import { firstRunEn } from './en/firstRun';
import { operatorDeskEn } from './en/operatorDesk';

/** English UI texts. `ru.ts` must have exactly the same keys (checked by the type of `ru`). */
export const en = {
  ...commonEn,
  ...editorEn,
  ...inspectorEn,
  ...settingsExtraEn,
  ...maintenanceEn,
  accountsImport: accountsImportEn,
  notify: notifyEn,
  mediaPicker: mediaPickerEn,
  firstRun: firstRunEn,
  ...messengerEn,
  msg: serverMessagesEn,
  technicalDetail: technicalDetailEn,
  ...operatorDeskEn,
  app: {
    name: 'Voronka',
    tagline: 'Telegram DM funnels',
  },
  nav: {
    scripts: 'Scripts',
    inbox: 'Inbox',
    stats: 'Statistics',
    accounts: 'Accounts',
    tracker: 'Tracker',
    settings: 'Settings',
  },
  connection: {
    connecting: 'Connecting to Voronka…',
    lost: 'Connection to Voronka lost. Reconnecting…',
    unauthorized: 'This link has no valid access token. Open the address printed by the headless host.',
  },
  errors: {
    invalid_input: 'Some values are not valid.',
    unknown_method: 'This version of the app does not support that action.',
    not_found: 'Not found.',
    conflict: 'This conflicts with the current state. Reload and try again.',
    unauthorized: 'Not allowed.',
    unavailable: 'The service is not available right now.',
    internal: 'Something went wrong. Details are in the log.',
  },
  scripts: {
    title: 'Scripts',
    emptyTitle: 'No scripts yet',
    emptyBody:
      'A script is your funnel: flows of steps — messages, A/B greetings, AI replies and routing, pauses, screenshot checks — that answer every lead. Here you will create scripts, import them from JSON and start from the two ready templates.',
    emptyNext: 'First, add a Telegram account; then create a script from a template and assign it to the account.',
  },
  inbox: {
    ...inboxEn,
    title: 'Inbox',
    emptyTitle: 'No chats yet',
    emptyBody:
      'Every lead who writes to your accounts appears here live, with their step, tags and fields. You will take over any chat in one click and hand it back to the funnel.',
    emptyNext: 'Chats appear once an account is connected and a lead writes to it.',
  },
  stats: {
    ...statsEn,
    variant: 'Variant',
    assigned: 'Assigned',
    replied: 'Replied',
    registrations: 'Registrations',
    firstDeposits: 'First deposits',
    reDeposits: 'Re-deposits',
    replyRate: 'Reply rate',
    registrationRate: 'Registration rate',
    depositRate: 'Deposit rate',
    funnel: 'Step funnel',
    entered: 'Entered',
    waitingNow: 'Waiting now',
    passed: 'Passed',
    noData: 'No data for this range.',
    eventsByDay: 'Events by day',
    newLeads: 'New leads',
    aiUsage: 'AI tokens and cost by day',
    aiTotal: 'Total in range: {{cost}}',
    tokensIn: 'Tokens in',
    tokensOut: 'Tokens out',
    cost: 'Cost, $',
    from: 'From',
    to: 'To',
    abTitle: 'A/B tests',
    noRouters: 'This script has no A/B routers, or none got leads in this range.',
    title: 'Statistics',
    emptyTitle: 'Nothing to count yet',
    emptyBody:
      'A/B results per greeting (replies, registrations, deposits with confidence intervals and the chance each variant is best), the step funnel of each flow, events by day and AI spend.',
    emptyNext: 'Figures appear when leads start moving through an active script.',
  },
  accounts: {
    ...accountsEn,
    title: 'Accounts',
    emptyTitle: 'No Telegram accounts',
    emptyBody:
      'Log in your personal Telegram accounts (phone, code, 2FA password, or an existing session string), set a proxy per account and pick the script each one runs.',
    emptyNext: 'You will need an API id and API hash from my.telegram.org for each account.',
  },
  tracker: {
    ...trackerEn,
    presetNames: trackerPresetsEn,
    title: 'Tracker',
    emptyTitle: 'Postbacks are not set up',
    emptyBody:
      'Voronka listens for postbacks from your tracker or affiliate program (Keitaro, Binom, Voluum, BeMob, RedTrack…), ties them to leads by click id and moves leads through the funnel with auto actions.',
    emptyNext: 'Here you will get the postback URL for your tracker and campaign links that carry the click id into the DM.',
  },
  settings: {
    title: 'Settings',
    language: 'Language',
    languageHint: 'The interface language. Stored with your data and kept after a restart.',
    saved: 'Saved',
    about: 'About',
    version: 'Version',
    host: 'Running as',
    hostElectron: 'Desktop app',
    hostHeadless: 'Headless host (browser)',
    dataFolder: 'Data folder',
    database: 'Database',
    schema: 'Schema version',
    comingTitle: 'More settings are on the way',
    comingBody: 'AI provider with a connection test, human-like delays and stop words will be configured here.',
  },
} as const satisfies Messages;

/** The shape every locale implements: the same nested keys, any string values. */
export interface Messages {
  [key: string]: string | Messages;
}
