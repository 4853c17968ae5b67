import { describe, expect, it } from 'vitest';
import { parsePostback } from '../../../src/main/tracker/parsePostback';
import { presets, resolvePreset } from '../../../src/main/tracker/presets';
import { requestParams } from '../../../src/main/tracker/requestParams';
import { unfilledMacro } from '../../../src/main/tracker/unfilledMacro';

describe('parsePostback', () => {
  it('reads Keitaro params: status defaults to sale, rebill is a re-deposit, payout falls back to revenue', () => {
    expect(parsePostback({ subid: 'abc', revenue: '12,50', tid: 'T1' }, presets.keitaro)).toEqual({
      ok: true,
      postback: { clickId: 'abc', event: 'sale', status: null, amount: 12.5, currency: null, transactionId: 'T1', fields: {} },
    });
    expect(parsePostback({ subid: 'abc', status: 'rebill' }, presets.keitaro)).toMatchObject({ ok: true, postback: { event: 'resale' } });
    expect(parsePostback({ subid: 'abc', status: 'LEAD' }, presets.keitaro)).toMatchObject({ ok: true, postback: { event: 'registration', status: 'LEAD' } });
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
    expect(parsePostback({ status: 'sale' }, presets.keitaro)).toEqual({ ok: false, status: 400, error: 'Missing click id (subid)' });
    expect(parsePostback({ cid: '{clickid}' }, presets.voluum)).toEqual({ ok: false, status: 400, error: 'Unfilled macro in cid: {clickid}' });
    expect(parsePostback({ cid: 'a', payout: '[payout]' }, presets.voluum)).toMatchObject({ ok: false, error: 'Unfilled macro in payout: [payout]' });
    expect(parsePostback({ click_id: 'a' }, presets.igaming)).toMatchObject({ ok: false, status: 422, error: expect.stringMatching(/^Missing status/) });
    expect(parsePostback({ clickid: 'a', event: 'weird' }, presets.custom)).toMatchObject({ ok: false, status: 422 });
    expect(parsePostback({ clickid: 'a', event: 'sale', 'fields.1bad': 'x' }, presets.custom)).toMatchObject({ ok: false, status: 400 });
  });

  it('applies operator overrides: param names, extra mappings, custom events', () => {
    const preset = resolvePreset('custom', { clickIdParam: 'pbclick', statusParam: 'goal', statusMap: { Paid: 'sale' }, acceptCustomEvents: true });
    expect(parsePostback({ pbclick: 'a', goal: 'paid', 'fields.user_id': '7' }, preset)).toMatchObject({ ok: true, postback: { event: 'sale', fields: { user_id: '7' } } });
    expect(parsePostback({ pbclick: 'a', goal: 'withdrawal' }, preset)).toMatchObject({ ok: true, postback: { event: 'withdrawal' } });
    expect(parsePostback({ clickid: 'a', goal: 'sale' }, preset)).toMatchObject({ ok: false, error: 'Missing click id (pbclick)' });
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
    expect(requestParams({ a: '1', b: ['x', 'y'] }, { a: '2', c: 3, fields: { uid: 9 }, deep: { x: { y: 1 } } })).toEqual({ a: '1', b: 'x', c: '3', 'fields.uid': '9' });
    expect(requestParams({}, 'clickid=A&event=sale&clickid=B')).toEqual({ clickid: 'B', event: 'sale' });
    expect(requestParams({}, [1, 2])).toEqual({});
  });
});

describe('hostile params', () => {
  it('treats __proto__ and constructor as plain keys', () => {
    const params = requestParams(JSON.parse('{"__proto__":"x","constructor":"y","clickid":"a","event":"sale"}'), undefined);
    expect(params.constructor).toBe('y');
    expect(parsePostback(params, presets.custom)).toMatchObject({ ok: true, postback: { clickId: 'a' } });
    expect(parsePostback(requestParams({ clickid: 'a', event: 'constructor' }, undefined), presets.custom)).toMatchObject({ ok: false, status: 422 });
  });
});
