import type { PresetOverrides, TrackerPresetId } from '../../shared/rpc/tracker';

/**
 * How one sender's postback maps to a lead event, following each tracker's own documentation
 * (../shared/reference/tracker-postbacks.md). Param names are the tracker's inbound postback
 * convention, so a template an affiliate network already has for that tracker works here after
 * swapping the domain; `macros` are what the tracker fills in when it forwards conversions to us.
 * The Tracker page explains each preset in the UI language (i18n `tracker.presetHelp.<id>`).
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
  /** Status word → event name. Keys are lower-case unless `caseSensitive`. */
  statusMap: Readonly<Record<string, string>>;
  /** RedTrack's `type=` names are case-sensitive there, so they are here. */
  caseSensitive: boolean;
  /** Event for a request that carries no status; null = rejected. */
  defaultEvent: string | null;
  acceptCustomEvents: boolean;
  /** Keitaro: `lead_status=`, `sale_status=`, `rejected_status=`, `ignore_status=` / `ignore=` in the request. */
  requestTransforms: boolean;
  /** RedTrack: a second, fixed-vocabulary status param (Approved, Pending, Declined, Other). */
  conversionStatusParam?: string;
  /**
   * A deposit without a transaction id for a click that already has one: `duplicate` for trackers
   * (one conversion per click unless a new transaction id says otherwise), `count` for programmes
   * that fire their deposit URL once per deposit.
   */
  repeatWithoutTid: 'duplicate' | 'count';
  /** Sender macros for the URL shown on the Tracker page, by role (absent = not sent). */
  macros: PresetMacros;
  /** Senders that fire one URL per event get one URL each, with the status word fixed. */
  perEvent?: readonly string[];
  /** The tracker's click-id macro for the campaign link it redirects to. */
  linkClickMacro: string;
}

const registration = ['registration', 'reg', 'signup', 'sign_up', 'lead'];
const firstDeposit = ['sale', 'ftd', 'fd', 'first_deposit', 'firstdeposit', 'deposit', 'dep', 'approved', 'approve'];
const reDeposit = ['resale', 'rd', 'redeposit', 're_deposit', 'redep', 'repeat_deposit', 'recurring_deposit', 'rebill', 'upsell'];
/** Negative outcomes are their own events: never a deposit, never thanked for. */
const rejected = ['rejected', 'reject', 'declined', 'decline', 'cancelled', 'canceled', 'trash'];
const chargeback = ['chargeback', 'refund', 'reversal'];

function statusMap(extra: Record<string, string> = {}, lists = { registration, firstDeposit, reDeposit }): Record<string, string> {
  const map: Record<string, string> = {};
  for (const v of lists.registration) map[v] = 'registration';
  for (const v of lists.firstDeposit) map[v] = 'sale';
  for (const v of lists.reDeposit) map[v] = 'resale';
  for (const v of rejected) map[v] = 'rejected';
  for (const v of chargeback) map[v] = 'chargeback';
  for (const [k, v] of Object.entries(extra)) map[k.toLowerCase()] = v;
  return map;
}

const tracker = { caseSensitive: false, acceptCustomEvents: false, requestTransforms: false, repeatWithoutTid: 'duplicate' } as const;

export const presets: Readonly<Record<TrackerPresetId, Preset>> = {
  keitaro: {
    ...tracker,
    id: 'keitaro',
    label: 'Keitaro',
    clickIdParams: ['subid'],
    statusParams: ['status'],
    payoutParams: ['payout', 'revenue'],
    currencyParams: ['currency'],
    transactionIdParams: ['tid'],
    // Keitaro's statuses: lead (payout not confirmed) = registration in iGaming practice, sale = first
    // deposit, rebill = re-deposit, rejected; the request's own transformations win over these.
    statusMap: statusMap(),
    defaultEvent: 'sale', // Keitaro: status defaults to sale
    requestTransforms: true,
    macros: { clickId: '{subid}', status: '{status}', payout: '{revenue}', transactionId: '{tid}' },
    linkClickMacro: '{subid}',
  },
  binom: {
    ...tracker,
    id: 'binom',
    label: 'Binom',
    clickIdParams: ['cnv_id', 'clickid'],
    statusParams: ['cnv_status'],
    payoutParams: ['payout'],
    currencyParams: ['cnv_currency', 'currency'],
    transactionIdParams: ['txid', 'tid'],
    statusMap: statusMap(),
    defaultEvent: 'sale',
    macros: { clickId: '{clickid}', status: '{cnv_status}', payout: '{payout}', currency: '{cnv_currency}' },
    linkClickMacro: '{clickid}',
  },
  voluum: {
    ...tracker,
    id: 'voluum',
    label: 'Voluum',
    clickIdParams: ['cid'],
    statusParams: ['et'],
    payoutParams: ['payout'],
    currencyParams: ['currency'],
    transactionIdParams: ['txid'],
    statusMap: statusMap(),
    defaultEvent: 'sale', // a postback without `et` is Voluum's default conversion
    macros: { clickId: '{clickid}', payout: '{payout}', transactionId: '{transaction.id}', status: '{conversion.type}' },
    linkClickMacro: '{clickid}',
  },
  bemob: {
    ...tracker,
    id: 'bemob',
    label: 'BeMob',
    clickIdParams: ['cid'],
    statusParams: ['status'],
    payoutParams: ['payout'],
    currencyParams: ['currency'],
    transactionIdParams: ['txid'],
    // BeMob's forwarded {status}: new, confirm, decline, charge; networks without a status token send
    // one URL per status with a fixed lead / hold / reject.
    statusMap: statusMap({ new: 'registration', hold: 'registration', confirm: 'sale', charge: 'chargeback' }),
    defaultEvent: 'sale',
    macros: { clickId: '{clickId}', payout: '{payout}', status: '{status}' },
    linkClickMacro: '{clickId}',
  },
  redtrack: {
    ...tracker,
    id: 'redtrack',
    label: 'RedTrack',
    clickIdParams: ['clickid'],
    statusParams: ['type'],
    payoutParams: ['sum', 'payout'],
    currencyParams: ['currency'],
    transactionIdParams: ['rdtk_event_id'],
    // Conversion types as RedTrack names them, case-sensitive; others are mapped on the Tracker page.
    statusMap: { Registration: 'registration', Lead: 'registration', SignUp: 'registration', FTD: 'sale', Deposit: 'sale', Purchase: 'sale', Conversion: 'sale', Upsell: 'resale', Redeposit: 'resale' },
    caseSensitive: true,
    conversionStatusParam: 'status',
    defaultEvent: 'sale',
    macros: { clickId: '{clickid}', status: '{type}', payout: '{payout}' },
    linkClickMacro: '{clickid}',
  },
  igaming: {
    ...tracker,
    id: 'igaming',
    label: 'iGaming affiliate program',
    clickIdParams: ['click_id', 'clickid', 'sub_id', 'subid', 'sub1'],
    statusParams: ['event', 'tracker.event', 'status', 'goal'],
    payoutParams: ['amount', 'payout', 'tracker.cost', 'sum'],
    currencyParams: ['currency', 'tracker.currency'],
    // Not `transaction_id`: on some programmes that macro is the sub id (the click id), not a deposit's id.
    transactionIdParams: ['tid', 'tracker.tid', 'deposit_id'],
    // In affiliate programs "deposit" means any deposit after the first (FTD).
    statusMap: statusMap(
      { qualification: 'qualification', cpa: 'qualification' },
      { registration, firstDeposit: ['sale', 'ftd', 'fd', 'first_deposit', 'firstdeposit'], reDeposit: [...reDeposit, 'deposit', 'dep'] },
    ),
    defaultEvent: null, // programs send one URL per event; a missing event is a setup mistake
    repeatWithoutTid: 'count',
    macros: { clickId: '{sub_id}', payout: '{amount}', currency: '{currency}' },
    perEvent: ['registration', 'ftd', 'deposit'],
    linkClickMacro: '{clickid}', // no tracker in between: the registration link carries {{tracker.clickid}}
  },
  custom: {
    ...tracker,
    id: 'custom',
    label: 'Custom',
    clickIdParams: ['clickid'],
    statusParams: ['event'],
    payoutParams: ['payout'],
    currencyParams: ['currency'],
    transactionIdParams: ['tid'],
    statusMap: statusMap(),
    defaultEvent: null,
    macros: { clickId: '{clickid}', status: '{event}', payout: '{payout}', currency: '{currency}', transactionId: '{tid}' },
    linkClickMacro: '{clickid}',
  },
};

/** The preset as the operator configured it: overrides replace param names and extend the status map. */
export function resolvePreset(id: TrackerPresetId, overrides: PresetOverrides | undefined): Preset {
  const base = presets[id];
  if (!overrides) return base;
  const param = (value: string | undefined, fallback: readonly string[]) => (value ? [value] : fallback);
  const key = (k: string) => (base.caseSensitive ? k : k.toLowerCase());
  return {
    ...base,
    clickIdParams: param(overrides.clickIdParam, base.clickIdParams),
    statusParams: param(overrides.statusParam, base.statusParams),
    payoutParams: param(overrides.payoutParam, base.payoutParams),
    currencyParams: param(overrides.currencyParam, base.currencyParams),
    transactionIdParams: param(overrides.transactionIdParam, base.transactionIdParams),
    statusMap: { ...base.statusMap, ...Object.fromEntries(Object.entries(overrides.statusMap ?? {}).map(([k, v]) => [key(k), v])) },
    defaultEvent: overrides.defaultEvent !== undefined ? overrides.defaultEvent : base.defaultEvent,
    acceptCustomEvents: overrides.acceptCustomEvents ?? base.acceptCustomEvents,
  };
}

/** Deposits share one de-duplication space per click: a first deposit and its re-deposits. */
export function conversionKind(event: string): string {
  return event === 'sale' || event === 'resale' ? 'deposit' : event;
}
