import fc from 'fast-check';
import { decodeMessage, englishText } from '../../../src/shared/appMessage';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectedFor, LedgerModel, specs, type Body, type FuzzRequest, type JsonValue, type Pair, type Value } from './fuzzOracle';
import { trackerHarness } from './harness';

// 10,000 generated requests (seeded) against the real listener over HTTP. Each gets the exact answer
// and log entry that fuzzOracle.ts derives from the spec: status, body text, outcome, error, event.

const maxBodyKb = 64;
const enc = encodeURIComponent;

const words = ['lead', 'sale', 'rebill', 'rejected', 'registration', 'ftd', 'deposit', 'approved', 'upsell', 'chargeback', 'test', 'ping', 'weird', 'constructor', 'FTD', 'Registration', 'Deposit', 'Upsell', 'Lead', 'Approved', 'Declined', 'Pending', 'Other', 'maybe'];
const macros = ['{subid}', '{clickid}', '[tid]', '%tid%', '{{clickid}}', '${SUBID}', '#s2#', 'REPLACE', '%7Bsubid%7D', 'x{sub1}'];
const keys = [
  ...new Set(Object.values(specs).flatMap((s) => [...s.click, ...s.status, ...s.tid, ...s.payout, ...s.currency])),
  'status',
  'ignore_status',
  'ignore',
  'lead_status',
  'sale_status',
  'rejected_status',
  'fields.geo',
  'fields.1bad',
  'junk',
];

const caseOf = fc.constantFrom<(w: string) => string>((w) => w, (w) => w.toUpperCase(), (w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase());
const plain = (text: string, kind: Value['kind']): Value => ({ text, raw: enc(text), kind });

const value: fc.Arbitrary<Value> = fc.oneof(
  { arbitrary: fc.constantFrom('A', 'B', 'C7', 'click-9', 'T1', 'T2').map((v) => plain(v, 'id')), weight: 6 },
  { arbitrary: fc.tuple(fc.constantFrom(...words), caseOf).map(([w, c]) => plain(c(w), 'word')), weight: 6 },
  // Comma lists for Keitaro's lead_status= / ignore_status=.
  { arbitrary: fc.subarray(words, { minLength: 1, maxLength: 3 }).map((ws) => plain(ws.join(','), 'word')), weight: 2 },
  { arbitrary: fc.constantFrom(...macros).map((m) => (m === '%tid%' ? { text: m, raw: m, kind: 'macro' as const } : plain(m, 'macro'))), weight: 2 },
  { arbitrary: fc.constantFrom('20,50', '1,000.50', '1 000,50', '25 USD', '$25', '12.5.0', 'abc').map((p) => plain(p, 'payout')), weight: 2 },
  // Junk that can be neither a macro nor a known word: letters, digits, spaces, some punctuation, non-ASCII.
  { arbitrary: fc.string({ unit: fc.constantFrom(...'zqxZ09 -_.,;:!?@*()+=/\\\'"<>ёжЖ𝔘'), minLength: 1, maxLength: 12 }).map((s) => plain(`zz${s}`, 'junk')), weight: 3 },
  { arbitrary: fc.constantFrom('', '   ').map((s) => plain(s, 'empty')), weight: 1 },
  { arbitrary: fc.constant(plain('L'.repeat(250), 'long')), weight: 1 },
  // Broken percent-encoding after an otherwise fine value.
  { arbitrary: fc.tuple(fc.constantFrom('A', 'sale', ''), fc.constantFrom('%', '%z', '%zz', '%E0%A4', '%C3', '%E2%82')).map(([v, tail]) => ({ text: v, raw: enc(v) + tail, kind: 'broken' as const })), weight: 1 },
);
// `+` for spaces, as forms send them.
const wireValue = fc.tuple(value, fc.boolean()).map(([v, plus]) => (plus && v.kind !== 'broken' && v.raw !== v.text ? { ...v, raw: v.raw.replace(/%20/g, '+') } : v));
const pair: fc.Arbitrary<Pair> = fc.record({ key: fc.constantFrom(...keys), brokenKey: fc.oneof({ arbitrary: fc.constant(false), weight: 30 }, { arbitrary: fc.constant(true), weight: 1 }), value: wireValue });
const pairs = fc.oneof({ arbitrary: fc.array(pair, { maxLength: 8 }), weight: 40 }, { arbitrary: fc.array(pair, { minLength: 201, maxLength: 205 }), weight: 1 });

const jsonValue: fc.Arbitrary<JsonValue> = fc.oneof(
  { arbitrary: value.filter((v) => v.kind !== 'broken'), weight: 8 },
  { arbitrary: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null)), weight: 2 },
  { arbitrary: fc.array(fc.integer(), { maxLength: 2 }), weight: 1 },
  { arbitrary: fc.uniqueArray(fc.tuple(fc.constantFrom('geo', 'uid', '1bad'), value.filter((v) => v.kind !== 'broken')), { selector: ([k]) => k, maxLength: 2 }).map((nested) => ({ nested })), weight: 1 },
);
const jsonType = fc.constantFrom('application/json', 'application/json; charset=utf-8', 'Application/JSON');
const body: fc.Arbitrary<Body> = fc.oneof(
  { arbitrary: fc.constant<Body>({ type: 'none' }), weight: 4 },
  { arbitrary: fc.record({ type: fc.constant('form' as const), pairs: fc.array(pair, { maxLength: 6 }), contentType: fc.constantFrom('application/x-www-form-urlencoded', 'application/x-www-form-urlencoded; charset=UTF-8') }), weight: 3 },
  { arbitrary: fc.record({ type: fc.constant('json' as const), entries: fc.uniqueArray(fc.tuple(fc.constantFrom(...keys, 'fields'), jsonValue), { selector: ([k]) => k, maxLength: 6 }), contentType: jsonType }), weight: 3 },
  {
    arbitrary: fc
      .tuple(
        fc.constantFrom(
          { text: '{"clickid":', error: 'Malformed JSON body' },
          { text: '[{"clickid":"A","event":"sale"}]', error: 'JSON body must be an object' },
          { text: '"A"', error: 'JSON body must be an object' },
          { text: `${'{"a":'.repeat(8)}1${'}'.repeat(8)}`, error: 'JSON nested deeper than 5 levels' },
          { text: '['.repeat(10_000), error: 'JSON nested deeper than 5 levels' },
          { text: JSON.stringify(Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`k${i}`, 1]))), error: 'JSON with more than 200 keys' },
        ),
        jsonType,
      )
      .map(([c, contentType]): Body => ({ type: 'rawJson', text: c.text, error: c.error, contentType })),
    weight: 1,
  },
  { arbitrary: fc.record({ type: fc.constant('other' as const), text: fc.constantFrom('clickid=A&event=sale', '<xml/>', 'x'.repeat(70 * 1024)), contentType: fc.constantFrom('text/plain', 'application/xml') }), weight: 1 },
);

const request: fc.Arbitrary<FuzzRequest> = fc.record({
  method: fc.oneof({ arbitrary: fc.constantFrom('GET', 'POST'), weight: 12 }, { arbitrary: fc.constantFrom('PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE', 'HEAD', 'PROPFIND', 'QUERY'), weight: 1 }),
  route: fc.oneof({ arbitrary: fc.constant('good' as const), weight: 12 }, { arbitrary: fc.constantFrom('bad' as const, 'elsewhere' as const), weight: 1 }),
  preset: fc.oneof({ arbitrary: fc.constantFrom('keitaro', 'custom', 'igaming', 'redtrack', undefined), weight: 12 }, { arbitrary: fc.constantFrom('nope', 'KEITARO', 'key taro'), weight: 1 }),
  query: pairs,
  body,
  headers: fc.dictionary(fc.constantFrom('x-forwarded-for', 'cf-connecting-ip', 'user-agent', 'x-real-ip', 'accept-encoding'), fc.constantFrom('203.0.113.5', '1.2.3.4, 5.6.7.8', 'gzip', 'Keitaro/10', 'zz'), { maxKeys: 3 }),
});

function render(r: FuzzRequest, path: string): { path: string; body: string | undefined; headers: Record<string, string> } {
  const base = r.route === 'good' ? path : r.route === 'bad' ? '/pb/not-the-token' : '/wp-login.php';
  const query = r.query.map((p) => `${enc(p.key)}${p.brokenKey ? '%G' : ''}=${p.value.raw}`).join('&');
  const headers = { ...r.headers };
  let text: string | undefined;
  if (r.method !== 'GET' && r.body.type !== 'none') {
    headers['content-type'] = r.body.contentType;
    if (r.body.type === 'form') text = r.body.pairs.map((p) => `${enc(p.key)}${p.brokenKey ? '%G' : ''}=${p.value.raw}`).join('&');
    else if (r.body.type === 'json') text = JSON.stringify(Object.fromEntries(r.body.entries.map(([k, v]) => [k, jsonOf(v)])));
    else text = r.body.text;
  }
  return { path: `${base}${r.preset === undefined ? '' : `/${enc(r.preset)}`}${query ? `?${query}` : ''}`, body: text, headers };
}

function jsonOf(v: JsonValue): unknown {
  if (v && typeof v === 'object' && 'nested' in v) return Object.fromEntries(v.nested.map(([k, x]) => [k, x.text]));
  if (v && typeof v === 'object' && 'kind' in v) return v.text;
  return v;
}

function send(agent: Agent, port: number, method: string, path: string, headers: Record<string, string>, body: string | undefined): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path, agent, headers: body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (data += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('postback listener fuzz', () => {
  it('answers and logs 10,000 generated requests exactly as the spec says, and changes no lead', { timeout: 900_000 }, async () => {
    // Every logged request is a fully synced write; on tmpfs (where there is one) the fsyncs cost nothing,
    // which keeps 10,000 of them quick without changing what is checked.
    const shm = existsSync('/dev/shm') ? mkdtempSync(join('/dev/shm', 'voronka-fuzz-')) : undefined;
    const h = await trackerHarness({ rateLimitPerMinute: 100_000, tokenRateLimitPerMinute: 1_000_000, maxBodyKb }, undefined, { dir: shm });
    const leadId = h.lead('bystander', { clickid: 'NOT-GENERATED' });
    const before = JSON.stringify(h.db.prepare('SELECT status, flow_id, step_id, fields, tracker FROM leads').all());
    const port = Number(new URL(h.base).port);
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const ledger = new LedgerModel();
    let lastId = 0;
    try {
      await fc.assert(
        fc.asyncProperty(request, async (r) => {
          const wire = render(r, h.path);
          const expected = expectedFor(r, ledger, maxBodyKb, wire.body === undefined ? 0 : Buffer.byteLength(wire.body));
          const strangersBefore = h.tracker.status().strangers.count;
          const answer = await send(agent, port, r.method, wire.path, wire.headers, wire.body);
          await h.tracker.idle();
          // A HEAD answer never has a body.
          expect({ status: answer.status, body: answer.body }).toEqual({ status: expected.status, body: r.method === 'HEAD' ? '' : expected.body });
          const rows = h.db.prepare('SELECT id, outcome, error, event FROM postbacks WHERE id > ? ORDER BY id').all(lastId) as { id: number; outcome: string; error: string | null; event: string | null }[];
          if (expected.stranger) {
            expect(rows).toEqual([]);
            expect(h.tracker.status().strangers.count).toBe(strangersBefore + 1);
          } else {
            expect(rows.map(({ outcome, error, event }) => ({ outcome, error: error === null ? null : englishText(decodeMessage(error)), event }))).toEqual([{ outcome: expected.outcome, error: expected.error, event: expected.event }]);
            lastId = rows[0]?.id ?? lastId;
          }
        }),
        { numRuns: 10_000, seed: 13, endOnFailure: true },
      );
    } finally {
      agent.destroy();
    }
    expect(JSON.stringify(h.db.prepare('SELECT status, flow_id, step_id, fields, tracker FROM leads').all())).toBe(before);
    expect(h.db.prepare('SELECT count(*) FROM lead_events').pluck().get()).toBe(0);
    // Still serving: a good postback for the bystander applies.
    expect((await fetch(`${h.base}${h.path}/keitaro?subid=NOT-GENERATED&status=lead&tid=ok`)).status).toBe(200);
    await h.tracker.idle();
    expect(h.position(leadId).flow).toBe('reg');
    await h.close();
    if (shm) rmSync(shm, { recursive: true, force: true });
  });
});

describe('postback replays', () => {
  it('applies the same postback once when it is replayed 100 times', async () => {
    const h = await trackerHarness({ rateLimitPerMinute: 100_000 });
    const leadId = h.lead('p', { clickid: 'R1' });
    const statuses = await Promise.all(Array.from({ length: 100 }, () => fetch(`${h.base}${h.path}/keitaro?subid=R1&status=sale&payout=50&tid=T-1`).then((r) => r.status)));
    await h.tracker.idle();
    expect(new Set(statuses)).toEqual(new Set([200]));
    expect(h.db.prepare('SELECT count(*) FROM lead_events WHERE lead_id = ?').pluck().get(leadId)).toBe(1);
    expect(h.db.prepare('SELECT outcome, count(*) AS n FROM postbacks GROUP BY outcome ORDER BY outcome').all()).toEqual([
      { outcome: 'applied', n: 1 },
      { outcome: 'duplicate', n: 99 },
    ]);
    await h.close();
  });
});
