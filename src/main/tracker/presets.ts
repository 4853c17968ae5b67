import type { PresetOverrides, TrackerPresetId } from '../../shared/rpc/tracker';

/**
 * How one sender's postback maps to a lead event. Param names follow each tracker's own inbound
 * postback convention (see shared/reference/peers.md §2), so a postback template an affiliate
 * network already has for that tracker works here after swapping the domain; `macros` are what the
 * tracker itself fills in when it forwards its conversions to us as an S2S postback.
 */
export interface PresetMacros {
  clickId: string;
  status?: string;
  payout?: string;
  currency?: string;
  transactionId?: string;
}

export interface Preset {
  id: TrackerPresetId;
  label: string;
  /** Params tried in order; the first present one wins. */
  clickIdParams: readonly string[];
  statusParams: readonly string[];
  payoutParams: readonly string[];
  currencyParams: readonly string[];
  transactionIdParams: readonly string[];
  /** Lower-case status value → event name. */
  statusMap: Readonly<Record<string, string>>;
  /** Event for a request that carries no status; null = rejected. */
  defaultEvent: string | null;
  acceptCustomEvents: boolean;
  /** Sender macros for the URL shown on the Tracker page, by role (absent = not sent). */
  macros: PresetMacros;
  /** Senders that fire one URL per event get one URL each, with the status param fixed. */
  perEvent?: readonly string[];
  /** The tracker's click-id macro for the campaign link it redirects to. */
  linkClickMacro: string;
  note: string;
}

const registration = ['registration', 'reg', 'signup', 'sign_up', 'lead'];
const firstDeposit = ['sale', 'ftd', 'fd', 'first_deposit', 'firstdeposit', 'deposit', 'dep', 'approved', 'approve'];
const reDeposit = ['resale', 'rd', 'redeposit', 're_deposit', 'redep', 'repeat_deposit', 'recurring_deposit', 'rebill', 'upsell'];

function statusMap(extra: Record<string, string> = {}, lists = { registration, firstDeposit, reDeposit }): Record<string, string> {
  const map: Record<string, string> = {};
  for (const v of lists.registration) map[v] = 'registration';
  for (const v of lists.firstDeposit) map[v] = 'sale';
  for (const v of lists.reDeposit) map[v] = 'resale';
  for (const [k, v] of Object.entries(extra)) map[k.toLowerCase()] = v;
  return map;
}

export const presets: Readonly<Record<TrackerPresetId, Preset>> = {
  keitaro: {
    id: 'keitaro',
    label: 'Keitaro',
    clickIdParams: ['subid'],
    statusParams: ['status'],
    payoutParams: ['payout', 'revenue'],
    currencyParams: ['currency'],
    transactionIdParams: ['tid'],
    // Keitaro's own statuses: lead (hold) = registration, sale = first deposit, rebill = re-deposit.
    statusMap: statusMap({ rejected: 'rejected' }),
    defaultEvent: 'sale', // Keitaro treats a postback without status as a sale
    acceptCustomEvents: false,
    macros: { clickId: '{subid}', status: '{status}', payout: '{revenue}', transactionId: '{tid}' },
    linkClickMacro: '{subid}',
    note: 'Keitaro → campaign → S2S postback. Rebills need a distinct {tid} to count as re-deposits.',
  },
  binom: {
    id: 'binom',
    label: 'Binom',
    clickIdParams: ['cnv_id', 'clickid'],
    statusParams: ['cnv_status'],
    payoutParams: ['payout'],
    currencyParams: ['cnv_currency', 'currency'],
    transactionIdParams: ['txid', 'tid', 'transaction_id'],
    statusMap: statusMap({ reject: 'rejected', rejected: 'rejected' }),
    defaultEvent: 'sale',
    acceptCustomEvents: false,
    macros: { clickId: '{clickid}', status: '{cnv_status}', payout: '{payout}', currency: '{cnv_currency}' },
    linkClickMacro: '{clickid}',
    note: 'Binom → traffic source / campaign S2S postback. Binom has no transaction id token: repeat deposits need distinct statuses or a tid param from the network.',
  },
  voluum: {
    id: 'voluum',
    label: 'Voluum',
    clickIdParams: ['cid'],
    statusParams: ['et'],
    payoutParams: ['payout'],
    currencyParams: ['currency'],
    transactionIdParams: ['txid'],
    statusMap: statusMap(),
    defaultEvent: 'sale', // a postback without `et` is Voluum's default conversion
    acceptCustomEvents: false,
    macros: { clickId: '{clickid}', payout: '{payout}', transactionId: '{transaction.id}', status: '{conversion.type}' },
    linkClickMacro: '{clickid}',
    note: 'Voluum → traffic source postback. Check the token names against the token list next to Voluum’s postback field; a repeat deposit needs a distinct txid.',
  },
  bemob: {
    id: 'bemob',
    label: 'BeMob',
    clickIdParams: ['cid'],
    statusParams: ['status'],
    payoutParams: ['payout'],
    currencyParams: ['currency'],
    transactionIdParams: ['txid'],
    statusMap: statusMap({ declined: 'rejected' }),
    defaultEvent: 'sale',
    acceptCustomEvents: false,
    macros: { clickId: '{clickId}', payout: '{payout}', status: '{status}' },
    linkClickMacro: '{clickId}',
    note: 'BeMob → traffic source postback ({clickId} is BeMob’s 22-character click id). Tick every status to forward in the source settings.',
  },
  redtrack: {
    id: 'redtrack',
    label: 'RedTrack',
    clickIdParams: ['clickid'],
    statusParams: ['type'],
    payoutParams: ['sum', 'payout'],
    currencyParams: ['currency'],
    transactionIdParams: ['transaction_id', 'txid', 'rdtk_event_id'],
    // RedTrack conversion types are case-sensitive there; matched case-insensitively here.
    statusMap: statusMap({ conversion: 'sale', purchase: 'sale' }),
    defaultEvent: 'sale',
    acceptCustomEvents: false,
    macros: { clickId: '{clickid}', status: '{type}', payout: '{payout}' },
    linkClickMacro: '{clickid}',
    note: 'RedTrack → traffic channel postback. Map each conversion type (e.g. Deposit, Upsell) to an event here if its name differs.',
  },
  igaming: {
    id: 'igaming',
    label: 'iGaming affiliate program',
    clickIdParams: ['click_id', 'clickid', 'sub_id', 'subid', 'sub1'],
    statusParams: ['event', 'tracker.event', 'status', 'goal'],
    payoutParams: ['amount', 'payout', 'tracker.cost', 'sum'],
    currencyParams: ['currency', 'tracker.currency'],
    transactionIdParams: ['transaction_id', 'tid', 'tracker.tid', 'postback_id', 'event_id'],
    // In affiliate programs "deposit" usually means any deposit after the first (FTD).
    statusMap: statusMap(
      { withdrawal: 'withdrawal', withdraw: 'withdrawal', revshare: 'revshare', qualification: 'qualification', cpa: 'qualification' },
      { registration, firstDeposit: ['sale', 'ftd', 'fd', 'first_deposit', 'firstdeposit'], reDeposit: [...reDeposit, 'deposit', 'dep'] },
    ),
    defaultEvent: null, // programs send one URL per event; a missing event is a setup mistake
    acceptCustomEvents: false,
    macros: { clickId: '{sub_id}', payout: '{amount}', currency: '{currency}', transactionId: '{transaction_id}' },
    perEvent: ['registration', 'sale', 'resale'],
    linkClickMacro: '{clickid}', // no tracker in between: the registration link carries {{tracker.clickid}}
    note: 'One postback per event in the program’s panel (Registration, First deposit, Deposit), each with its event= value. Macro names differ per program: use the one that returns the sub id you passed in the registration link.',
  },
  custom: {
    id: 'custom',
    label: 'Custom',
    clickIdParams: ['clickid'],
    statusParams: ['event'],
    payoutParams: ['payout'],
    currencyParams: ['currency'],
    transactionIdParams: ['tid'],
    statusMap: statusMap(),
    defaultEvent: null,
    acceptCustomEvents: false,
    macros: { clickId: '{clickid}', status: '{event}', payout: '{payout}', currency: '{currency}', transactionId: '{tid}' },
    linkClickMacro: '{clickid}',
    note: 'Set which params carry the click id, status, payout, currency and transaction id, and map status values to events.',
  },
};

/** The preset as the operator configured it: overrides replace param names and extend the status map. */
export function resolvePreset(id: TrackerPresetId, overrides: PresetOverrides | undefined): Preset {
  const base = presets[id];
  if (!overrides) return base;
  const param = (value: string | undefined, fallback: readonly string[]) => (value ? [value] : fallback);
  return {
    ...base,
    clickIdParams: param(overrides.clickIdParam, base.clickIdParams),
    statusParams: param(overrides.statusParam, base.statusParams),
    payoutParams: param(overrides.payoutParam, base.payoutParams),
    currencyParams: param(overrides.currencyParam, base.currencyParams),
    transactionIdParams: param(overrides.transactionIdParam, base.transactionIdParams),
    statusMap: { ...base.statusMap, ...Object.fromEntries(Object.entries(overrides.statusMap ?? {}).map(([k, v]) => [k.toLowerCase(), v])) },
    defaultEvent: overrides.defaultEvent !== undefined ? overrides.defaultEvent : base.defaultEvent,
    acceptCustomEvents: overrides.acceptCustomEvents ?? base.acceptCustomEvents,
  };
}
