import { describe, expect, it } from 'vitest';
import { englishText, type AppMessage } from '../../../src/shared/appMessage';
import { parsePostback } from '../../../src/main/tracker/parsePostback';
import { presets, resolvePreset } from '../../../src/main/tracker/presets';
import { parsePayout } from '../../../src/main/tracker/payout';
import { parseJsonBody, requestParams } from '../../../src/main/tracker/requestParams';
import { unfilledMacro } from '../../../src/main/tracker/unfilledMacro';

/** A refusal with its coded reason in English, as the sender reads it. */
function english<T>(result: T): T {
  const r = result as { error?: unknown };
  return (r.error && typeof r.error === 'object' ? { ...result, error: englishText(r.error as AppMessage) } : result) as T;
}

describe('parsePostback', () => {
  it('reads Keitaro params: status defaults to sale, rebill is a re-deposit, payout falls back to revenue', () => {
    expect(parsePostback({ subid: 'abc', revenue: '12,50', tid: 'T1' }, presets.keitaro)).toEqual({
      ok: true,
      postback: { clickId: 'abc', event: 'sale', status: null, amount: 12.5, currency: null, payoutRaw: '12,50', payoutUnparsed: false, transactionId: 'T1', fields: {} },
    });
    expect(parsePostback({ subid: 'abc', status: 'rebill' }, presets.keitaro)).toMatchObject({ ok: true, postback: { event: 'resale' } });
    expect(parsePostback({ subid: 'abc', status: 'LEAD' }, presets.keitaro)).toMatchObject({ ok: true, postback: { event: 'registration', status: 'LEAD' } });
  });

  it('reads RedTrack types case-sensitively and its Declined status as a rejection', () => {
    expect(parsePostback({ clickid: 'a', type: 'FTD' }, presets.redtrack)).toMatchObject({ ok: true, postback: { event: 'sale' } });
    expect(english(parsePostback({ clickid: 'a', type: 'ftd' }, presets.redtrack))).toMatchObject({ ok: false, status: 422 });
    expect(parsePostback({ clickid: 'a', type: 'FTD', status: 'declined' }, presets.redtrack)).toMatchObject({ ok: true, postback: { event: 'rejected', status: 'declined' } });
    expect(english(parsePostback({ clickid: 'a', status: 'Maybe' }, presets.redtrack))).toMatchObject({ ok: false, status: 422 });
  });

  it('honours Keitaro-style status mappings carried in the URL', () => {
    expect(parsePostback({ subid: 'a', status: 'confirmed', sale_status: 'approved,confirmed' }, presets.keitaro)).toMatchObject({ ok: true, postback: { event: 'sale' } });
    expect(parsePostback({ subid: 'a', status: 'hold', lead_status: 'hold' }, presets.keitaro)).toMatchObject({ ok: true, postback: { event: 'registration' } });
  });

  it('treats "deposit" as a re-deposit for affiliate programs but a first deposit for trackers', () => {
    expect(parsePostback({ click_id: 'a', event: 'deposit' }, presets.igaming)).toMatchObject({ ok: true, postback: { event: 'resale' } });
    expect(parsePostback({ subid: 'a', status: 'deposit' }, presets.keitaro)).toMatchObject({ ok: true, postback: { event: 'sale' } });
  });

  it('rejects what it cannot attribute or classify, naming the param', () => {
    expect(english(parsePostback({ status: 'sale' }, presets.keitaro))).toEqual({ ok: false, status: 400, error: 'Missing click id (subid)' });
    expect(english(parsePostback({ cid: '{clickid}' }, presets.voluum))).toEqual({ ok: false, status: 400, error: 'Unfilled macro in cid: {clickid}' });
    expect(english(parsePostback({ cid: 'a', payout: '[payout]' }, presets.voluum))).toMatchObject({ ok: false, error: 'Unfilled macro in payout: [payout]' });
    expect(english(parsePostback({ click_id: 'a' }, presets.igaming))).toMatchObject({ ok: false, status: 422, error: expect.stringMatching(/^Missing status/) });
    expect(english(parsePostback({ clickid: 'a', event: 'weird' }, presets.custom))).toMatchObject({ ok: false, status: 422 });
    expect(english(parsePostback({ clickid: 'a', event: 'sale', 'fields.1bad': 'x' }, presets.custom))).toMatchObject({ ok: false, status: 400 });
  });

  it('applies operator overrides: param names, extra mappings, custom events', () => {
    const preset = resolvePreset('custom', { clickIdParam: 'pbclick', statusParam: 'goal', statusMap: { Paid: 'sale' }, acceptCustomEvents: true });
    expect(parsePostback({ pbclick: 'a', goal: 'paid', 'fields.user_id': '7' }, preset)).toMatchObject({ ok: true, postback: { event: 'sale', fields: { user_id: '7' } } });
    expect(parsePostback({ pbclick: 'a', goal: 'withdrawal' }, preset)).toMatchObject({ ok: true, postback: { event: 'withdrawal' } });
    expect(english(parsePostback({ clickid: 'a', goal: 'sale' }, preset))).toMatchObject({ ok: false, error: 'Missing click id (pbclick)' });
  });
});

describe('unfilledMacro', () => {
  it.each(['{subid}', '{{clickid}}', '[subid]', '%subid%', '${SUBID}', '#s2#', '%7Bsubid%7D', 'REPLACE', 'abc{sub1}'])('flags %s', (value) => {
    expect(unfilledMacro(value)).toBe(value);
  });
  it.each(['3f9a1c2b', 'org_abc', '12.50', 'USD', 'a-b_c.d', '50%'])('accepts %s', (value) => {
    expect(unfilledMacro(value)).toBeUndefined();
  });
});

describe('requestParams', () => {
  it('merges query and body (query wins), flattens one JSON level, keeps the first of repeated keys', () => {
    expect(requestParams('a=1&b=x&b=y', { a: '2', c: 3, fields: { uid: 9 }, deep: { x: { y: 1 } } })).toEqual({ ok: true, params: { a: '1', b: 'x', c: '3', 'fields.uid': '9' } });
    expect(requestParams('', 'clickid=A&event=sale&clickid=B')).toEqual({ ok: true, params: { clickid: 'A', event: 'sale' } });
    expect(requestParams('x=a+b%20c&flag', undefined)).toEqual({ ok: true, params: { x: 'a b c', flag: '' } });
  });

  it('answers broken percent-encoding as malformed, but keeps a whole %macro% literal', () => {
    expect(english(requestParams('subid=%E0%A4%A', undefined))).toEqual({ ok: false, error: 'Malformed percent-encoding in subid' });
    expect(english(requestParams('%zz=1', undefined))).toEqual({ ok: false, error: 'Malformed percent-encoding in a parameter name' });
    expect(requestParams('tid=%tid%', undefined)).toEqual({ ok: true, params: { tid: '%tid%' } });
  });

  it('refuses too many params, deep JSON and non-object JSON', () => {
    expect(english(requestParams(Array.from({ length: 201 }, (_, i) => `k${i}=1`).join('&'), undefined))).toEqual({ ok: false, error: 'More than 200 parameters' });
    expect(english(parseJsonBody('{"a":{"b":{"c":{"d":{"e":{"f":1}}}}}}'))).toEqual({ ok: false, error: 'JSON nested deeper than 5 levels' });
    expect(english(parseJsonBody('[' .repeat(100_000)))).toEqual({ ok: false, error: 'JSON nested deeper than 5 levels' });
    expect(english(parseJsonBody('"{[[[[[[["'))).toEqual({ ok: false, error: 'JSON body must be an object' });
    expect(english(parseJsonBody('{"a":'))).toEqual({ ok: false, error: 'Malformed JSON body' });
    expect(parseJsonBody('{"a":{"b":1}}')).toEqual({ ok: true, value: { a: { b: 1 } } });
  });
});

describe('parsePayout', () => {
  it.each([
    ['20,50', 20.5, null],
    ['1,000.50', 1000.5, null],
    ['1 000,50', 1000.5, null],
    ['1.000,50', 1000.5, null],
    ['1,000', 1000, null],
    ['0,125', 0.125, null],
    ['25 USD', 25, 'USD'],
    ['usd 25', 25, 'USD'],
    ['$25', 25, 'USD'],
    ['12,5 €', 12.5, 'EUR'],
  ])('reads %s', (text, amount, currency) => {
    expect(parsePayout(text)).toEqual({ ok: true, amount, currency });
  });
  it.each(['12.5.0', 'abc', '', '1,00,0', '$', 'USD'])('refuses %s', (text) => {
    expect(parsePayout(text)).toEqual({ ok: false });
  });
});

describe('hostile params', () => {
  it('treats __proto__ and constructor as plain keys', () => {
    const parsed = requestParams('', JSON.parse('{"__proto__":"x","constructor":"y","clickid":"a","event":"sale"}') as Record<string, unknown>);
    if (!parsed.ok) throw new Error(englishText(parsed.error));
    expect(parsed.params.constructor).toBe('y');
    expect(parsePostback(parsed.params, presets.custom)).toMatchObject({ ok: true, postback: { clickId: 'a' } });
    const constructor = requestParams('clickid=a&event=constructor', undefined);
    expect(constructor.ok && parsePostback(constructor.params, presets.custom)).toMatchObject({ ok: false, status: 422 });
  });
});
