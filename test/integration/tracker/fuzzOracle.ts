/**
 * The fuzz test's oracle: what the listener must answer and log for a generated request, written
 * from the spec (../shared/reference/tracker-postbacks.md, issue 13, the README) — not by calling the
 * app's parser. Generated values carry their meaning (an id, a status word, a macro, broken
 * encoding…), so the oracle knows what each one is without decoding or pattern-matching it.
 */

/** One generated value: what the sender meant, how it went on the wire, and what it is. */
export interface Value {
  text: string;
  raw: string;
  kind: 'id' | 'word' | 'macro' | 'payout' | 'junk' | 'empty' | 'long' | 'broken';
}

export interface Pair {
  key: string;
  /** A parameter name sent with broken percent-encoding. */
  brokenKey: boolean;
  value: Value;
}

export type Body =
  | { type: 'none' }
  | { type: 'form'; pairs: Pair[]; contentType: string }
  /** Unique keys, in order; a nested object becomes `key.inner` params, arrays and null are no params. */
  | { type: 'json'; entries: [string, JsonValue][]; contentType: string }
  | { type: 'rawJson'; text: string; error: string; contentType: string }
  | { type: 'other'; text: string; contentType: string };

export type JsonValue = Value | number | boolean | null | unknown[] | { nested: [string, Value][] };

export interface FuzzRequest {
  method: string;
  /** `good` token, a `bad` one, or a path outside /pb/. */
  route: 'good' | 'bad' | 'elsewhere';
  /** Preset segment (absent = the default preset, `custom`). */
  preset: string | undefined;
  query: Pair[];
  body: Body;
  headers: Record<string, string>;
}

export type Expected =
  | { stranger: true; status: number; body: string }
  | { stranger: false; status: number; body: string; outcome: string; error: string | null; event: string | null };

interface PresetSpec {
  click: string[];
  status: string[];
  tid: string[];
  payout: string[];
  currency: string[];
  /** Event when no status is sent; null = "Missing status". */
  fallback: string | null;
  /** The documented words of the fuzz vocabulary, by the key the preset compares. */
  words: Record<string, string>;
  caseSensitive: boolean;
  keitaro?: true;
  redtrack?: true;
  countsDepositsWithoutTid?: true;
}

const trackerWords = {
  lead: 'registration',
  registration: 'registration',
  sale: 'sale',
  ftd: 'sale',
  deposit: 'sale',
  approved: 'sale',
  rebill: 'resale',
  upsell: 'resale',
  rejected: 'rejected',
  declined: 'rejected',
  chargeback: 'chargeback',
};

/** The presets the fuzz drives, as their documentation (and the Tracker page help) describes them. */
export const specs: Record<string, PresetSpec> = {
  keitaro: { click: ['subid'], status: ['status'], tid: ['tid'], payout: ['payout', 'revenue'], currency: ['currency'], fallback: 'sale', words: trackerWords, caseSensitive: false, keitaro: true },
  custom: { click: ['clickid'], status: ['event'], tid: ['tid'], payout: ['payout'], currency: ['currency'], fallback: null, words: trackerWords, caseSensitive: false },
  igaming: {
    click: ['click_id', 'clickid', 'sub_id', 'subid', 'sub1'],
    status: ['event', 'tracker.event', 'status', 'goal'],
    tid: ['tid', 'tracker.tid', 'deposit_id'],
    payout: ['amount', 'payout', 'tracker.cost', 'sum'],
    currency: ['currency', 'tracker.currency'],
    fallback: null,
    // In affiliate programmes "deposit" is every deposit after the first; "approved" is a tracker's word.
    words: Object.fromEntries(Object.entries({ ...trackerWords, deposit: 'resale' }).filter(([w]) => w !== 'approved')),
    caseSensitive: false,
    countsDepositsWithoutTid: true,
  },
  redtrack: {
    click: ['clickid'],
    status: ['type'],
    tid: ['rdtk_event_id'],
    payout: ['sum', 'payout'],
    currency: ['currency'],
    fallback: 'sale',
    words: { Registration: 'registration', Lead: 'registration', FTD: 'sale', Deposit: 'sale', Upsell: 'resale' },
    caseSensitive: true,
    redtrack: true,
  },
};

/** What the oracle remembers between requests: the conversions each click already has. */
export class LedgerModel {
  private readonly keys = new Map<string, string>();
  private readonly deposits = new Map<string, { all: number; resales: number }>();

  classify(click: string, event: string, tid: string | null, countsWithoutTid: boolean): { event: string; duplicate: string | null } {
    if (event !== 'sale' && event !== 'resale') {
      const key = JSON.stringify([click, event, tid ?? '']);
      if (this.keys.has(key)) return { event, duplicate: 'Already received: same click id, event and transaction id' };
      this.keys.set(key, event);
      return { event, duplicate: null };
    }
    const counts = this.deposits.get(click) ?? { all: 0, resales: 0 };
    const add = (final: string, key: string | null) => {
      if (key) this.keys.set(key, final);
      this.deposits.set(click, { all: counts.all + 1, resales: counts.resales + (final === 'resale' ? 1 : 0) });
      return { event: final, duplicate: null };
    };
    if (tid !== null) {
      const key = JSON.stringify([click, 'deposit', tid]);
      const seen = this.keys.get(key);
      if (seen) return { event: seen, duplicate: 'Already received: this transaction id was counted for this click' };
      return add(counts.all > 0 ? 'resale' : event, key);
    }
    if (counts.all > 0 && (event === 'sale' || !countsWithoutTid)) {
      return { event, duplicate: 'Already has a deposit: a repeat deposit counts only with a transaction id not seen for this click' };
    }
    if (event === 'resale' && countsWithoutTid) return add('resale', null);
    return add(event, JSON.stringify([click, 'deposit', '']));
  }
}

const macroKinds = new Set<Value['kind']>(['macro']);
const redTrackStatuses = ['approved', 'pending', 'declined', 'other'];
const knownPresets = new Set(['keitaro', 'binom', 'voluum', 'bemob', 'redtrack', 'igaming', 'custom']);

/** The answer and log entry the spec requires for one request (and the ledger update it implies). */
export function expectedFor(request: FuzzRequest, ledger: LedgerModel, maxBodyKb: number, bodyBytes: number): Expected {
  if (request.route !== 'good') return { stranger: true, status: 404, body: 'Not found' };
  const logged = (status: number, error: string, body = error) => ({ stranger: false as const, status, body, outcome: 'rejected', error, event: null });
  if (request.preset !== undefined && !knownPresets.has(request.preset)) return logged(404, `Unknown preset "${request.preset.slice(0, 32)}"`, 'Not found');
  if (request.method !== 'GET' && request.method !== 'POST') {
    const error = `Method ${request.method} not allowed: use GET or POST`;
    return logged(405, error);
  }
  const body = request.method === 'POST' ? request.body : ({ type: 'none' } as const);
  if (body.type !== 'none' && bodyBytes > maxBodyKb * 1024) return logged(413, `Body larger than ${maxBodyKb} KB`);

  // Query, then body: the first broken encoding is the answer; then the params, first occurrence wins.
  const entries: [string, Value | unknown][] = [];
  let puts = 0;
  const fromPairs = (pairs: Pair[]): string | undefined => {
    for (const p of pairs) {
      if (p.brokenKey) return 'Malformed percent-encoding in a parameter name';
      if (p.value.kind === 'broken') return `Malformed percent-encoding in ${p.key.slice(0, 64)}`;
    }
    for (const p of pairs) entries.push([p.key, p.value]);
    puts += pairs.length;
    return undefined;
  };
  const queryError = fromPairs(request.query);
  if (queryError) return logged(400, queryError);
  if (body.type === 'form') {
    const error = fromPairs(body.pairs);
    if (error) return logged(400, error);
  } else if (body.type === 'rawJson') return logged(400, body.error);
  else if (body.type === 'other') return logged(415, 'Unsupported body type: send a query string, a form (application/x-www-form-urlencoded) or JSON');
  else if (body.type === 'json') {
    for (const [key, value] of body.entries) {
      if (value && typeof value === 'object' && 'nested' in value) {
        for (const [inner, v] of value.nested) {
          entries.push([`${key}.${inner}`, v]);
          puts++;
        }
      } else {
        entries.push([key, value]);
        puts++;
      }
    }
  }
  if (puts > 200) return logged(400, 'More than 200 parameters');

  const params = new Map<string, string>();
  for (const [key, value] of entries) {
    const text = textOf(value);
    if (text !== undefined && !params.has(key)) params.set(key, text.slice(0, 2000));
  }
  const kindOf = new Map<string, Value['kind']>();
  for (const [key, value] of entries) if (!kindOf.has(key) && textOf(value) !== undefined) kindOf.set(key, isValue(value) ? value.kind : 'junk');

  const spec = specs[request.preset ?? 'custom'] as PresetSpec;
  const pick = (names: string[]) => {
    for (const name of names) {
      const value = params.get(name)?.trim();
      if (value) return { name, value, kind: kindOf.get(name) };
    }
    return undefined;
  };
  const read = {
    click: pick(spec.click),
    status: pick(spec.status),
    conversion: spec.redtrack ? pick(['status']) : undefined,
    payout: pick(spec.payout),
    currency: pick(spec.currency),
    tid: pick(spec.tid),
  };
  const fieldEntries = [...params.entries()].filter(([k]) => k.startsWith('fields.'));
  for (const found of [read.click, read.status, read.conversion, read.payout, read.currency, read.tid, ...fieldEntries.map(([name, value]) => ({ name, value, kind: kindOf.get(name) }))]) {
    if (found && found.kind && macroKinds.has(found.kind)) return logged(400, `Unfilled macro in ${found.name}: ${found.value.slice(0, 100)}`);
  }
  if (!read.click) return logged(400, `Missing click id (${spec.click.join(' / ')})`);
  if (read.click.value.length > 200) return logged(400, 'Click id longer than 200 characters');
  const click = read.click.value;

  if (spec.keitaro && read.status && listed(params.get('ignore_status') ?? params.get('ignore'), read.status.value)) {
    return { stranger: false, status: 200, body: 'OK', outcome: 'ignored', error: `Ignored: status "${read.status.value.slice(0, 64)}" is listed in ignore_status`, event: null };
  }

  let event: string | undefined;
  if (read.conversion) {
    const word = read.conversion.value.toLowerCase();
    if (!redTrackStatuses.includes(word)) return logged(422, `Unknown status "${read.conversion.value.slice(0, 64)}" in status: expected Approved, Pending, Declined or Other`);
    if (word === 'declined') event = 'rejected';
  }
  if (!event) {
    if (!read.status) {
      if (!spec.fallback) return logged(422, `Missing status (${spec.status.join(' / ')})`);
      event = spec.fallback;
    } else {
      let key = spec.caseSensitive ? read.status.value : read.status.value.toLowerCase();
      if (spec.keitaro) {
        const word = read.status.value;
        const transformed = [
          ['lead_status', 'lead'],
          ['sale_status', 'sale'],
          ['rejected_status', 'rejected'],
        ].find(([param]) => listed(params.get(param as string), word));
        if (transformed) key = transformed[1] as string;
      }
      event = Object.hasOwn(spec.words, key) ? spec.words[key] : undefined;
      if (!event) {
        const what = spec.caseSensitive ? 'type' : 'status';
        const hint = spec.caseSensitive ? ' (names are case-sensitive)' : '';
        return logged(422, `Unknown ${what} "${read.status.value.slice(0, 64)}" in ${read.status.name}${hint}: map it to an event in the preset`);
      }
    }
  }
  for (const [name] of fieldEntries.slice(0, 20)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name.slice('fields.'.length))) return logged(400, `Bad custom field name: ${name.slice(0, 80)}`);
  }
  const tid = read.tid ? read.tid.value.slice(0, 200) : null;
  const decided = ledger.classify(click, event, tid === click ? null : tid, spec.countsDepositsWithoutTid === true);
  if (decided.duplicate) return { stranger: false, status: 200, body: 'OK', outcome: 'duplicate', error: decided.duplicate, event: decided.event };
  // No lead has these click ids: an accepted postback waits for its lead.
  return { stranger: false, status: 200, body: 'OK', outcome: 'pending', error: null, event: decided.event };
}

function listed(list: string | undefined, word: string): boolean {
  return list !== undefined && list.split(',').some((w) => w.trim().toLowerCase() === word.toLowerCase());
}

function isValue(value: unknown): value is Value {
  return typeof value === 'object' && value !== null && 'kind' in value && 'text' in value;
}

/** What a query/form value or a JSON value reads as (JSON arrays, objects and null are not params). */
function textOf(value: unknown): string | undefined {
  if (isValue(value)) return value.text;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return String(value);
  return undefined;
}
