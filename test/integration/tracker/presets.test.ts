import { afterEach, describe, expect, it } from 'vitest';
import { postbackRows, send, trackerHarness, type TrackerHarness } from './harness';

let h: TrackerHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** Per preset: a registration postback in that sender's own param names, then a first deposit. */
const cases: { preset: string; registration: string; sale: string }[] = [
  { preset: 'keitaro', registration: 'subid=CLK&status=lead', sale: 'subid=CLK&status=sale&payout=50&tid=T1' },
  { preset: 'binom', registration: 'cnv_id=CLK&cnv_status=signup', sale: 'cnv_id=CLK&cnv_status=approve&payout=50&cnv_currency=usd' },
  { preset: 'voluum', registration: 'cid=CLK&et=registration', sale: 'cid=CLK&payout=50&txid=T1' },
  { preset: 'bemob', registration: 'cid=CLK&status=reg', sale: 'cid=CLK&payout=50&txid=T1&status=approved' },
  { preset: 'redtrack', registration: 'clickid=CLK&type=Lead', sale: 'clickid=CLK&type=Deposit&sum=50' },
  { preset: 'igaming', registration: 'click_id=CLK&event=registration', sale: 'click_id=CLK&event=ftd&amount=50&transaction_id=T1' },
  { preset: 'custom', registration: 'clickid=CLK&event=registration', sale: 'clickid=CLK&event=sale&payout=50&tid=T1' },
];

describe('postback presets over real HTTP', () => {
  for (const c of cases) {
    it(`${c.preset}: registration and first deposit move the lead as the auto actions say`, async () => {
      h = await trackerHarness();
      const { leadId } = await h.receive('p1', 'привет');
      h.db.prepare(`UPDATE leads SET tracker = json_set(tracker, '$.clickid', 'CLK') WHERE id = ?`).run(leadId);

      expect(await send(h, `${h.path}/${c.preset}?${c.registration}`)).toEqual({ status: 200, body: 'OK' });
      expect(h.position(leadId)).toMatchObject({ flow: 'reg', step: 'reg_thanks' });

      expect((await send(h, `${h.path}/${c.preset}?${c.sale}`)).status).toBe(200);
      expect(h.position(leadId)).toMatchObject({ flow: 'dep', tags: ['ftd'] });
      const events = h.db.prepare('SELECT name, amount, source FROM lead_events WHERE lead_id = ? ORDER BY id').all(leadId);
      expect(events).toEqual([
        { name: 'registration', amount: null, source: 'postback' },
        { name: 'sale', amount: 50, source: 'postback' },
      ]);
      expect(postbackRows(h).map((r) => [r.preset, r.outcome, r.lead_id])).toEqual([
        [c.preset, 'applied', leadId],
        [c.preset, 'applied', leadId],
      ]);
    });
  }

  it('accepts POST form and POST JSON bodies, and writes fields.KEY params to the lead', async () => {
    h = await trackerHarness();
    const { leadId } = await h.receive('p1', 'привет');
    h.db.prepare(`UPDATE leads SET tracker = json_set(tracker, '$.clickid', 'CLK') WHERE id = ?`).run(leadId);
    const form = await send(h, `${h.path}/custom`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'clickid=CLK&event=registration&fields.user_id=U-77',
    });
    expect(form.status).toBe(200);
    const json = await send(h, `${h.path}/igaming`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ click_id: 'CLK', event: 'ftd', amount: 25.5, fields: { user_id: 'U-78' } }),
    });
    expect(json.status).toBe(200);
    expect(JSON.parse(h.db.prepare('SELECT fields FROM leads WHERE id = ?').pluck().get(leadId) as string)).toEqual({ user_id: 'U-78' });
    expect(h.db.prepare('SELECT amount FROM lead_events WHERE name = ?').pluck().get('sale')).toBe(25.5);
    expect(h.position(leadId).flow).toBe('dep');
  });

  it('uses the default preset when the path has none, and a status mapped in settings', async () => {
    h = await trackerHarness({ defaultPreset: 'keitaro', presets: { keitaro: { statusMap: { confirmed: 'sale' } } } });
    const { leadId } = await h.receive('p1', 'привет');
    h.db.prepare(`UPDATE leads SET tracker = json_set(tracker, '$.clickid', 'CLK') WHERE id = ?`).run(leadId);
    expect((await send(h, `${h.path}?subid=CLK&status=confirmed&payout=10`)).status).toBe(200);
    expect(h.position(leadId).flow).toBe('dep');
  });
});
