import { afterEach, describe, expect, it } from 'vitest';
import { postbackRows, send, trackerHarness, type TrackerHarness } from './harness';

let h: TrackerHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('postback lifecycle', () => {
  it('applies a replayed postback once; every replay is logged as a duplicate and answered 200', async () => {
    h = await trackerHarness();
    const { leadId } = await h.receive('p1', 'привет');
    h.db.prepare(`UPDATE leads SET tracker = json_set(tracker, '$.clickid', 'CLK') WHERE id = ?`).run(leadId);
    const url = `${h.path}/keitaro?subid=CLK&status=sale&payout=50&tid=T1`;
    const answers = await Promise.all(Array.from({ length: 20 }, () => fetch(h!.base + url).then((r) => r.status)));
    await h.tracker.idle();
    await h.engine.idle();
    expect(new Set(answers)).toEqual(new Set([200]));
    expect(h.db.prepare('SELECT count(*) FROM lead_events').pluck().get()).toBe(1);
    const outcomes = postbackRows(h).map((r) => r.outcome);
    expect(outcomes.filter((o) => o === 'applied')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'duplicate')).toHaveLength(19);
  });

  it('keeps a postback for an unseen click id pending and applies it when that lead arrives', async () => {
    h = await trackerHarness();
    expect((await send(h, `${h.path}/keitaro?subid=LATE1&status=lead`)).status).toBe(200);
    expect(postbackRows(h)).toMatchObject([{ outcome: 'pending', lead_id: null }]);
    expect(h.tracker.status().pending).toBe(1);

    // The lead writes with the campaign link's prefilled text, carrying the click id.
    const { leadId, stored } = await h.receive('p9', 'Здравствуйте! Промокод #ABCD-LATE1');
    expect(stored).toBe('Здравствуйте! Промокод');
    expect(postbackRows(h)).toMatchObject([{ outcome: 'applied', lead_id: leadId }]);
    expect(h.position(leadId)).toMatchObject({ flow: 'reg', step: 'reg_thanks' });
    expect(h.pushed.map((r) => r.outcome)).toEqual(['pending', 'applied']);
  });

  it('expires pending postbacks outside the window instead of applying them', async () => {
    h = await trackerHarness({ pendingWindowDays: 0 });
    await send(h, `${h.path}/keitaro?subid=OLD&status=lead`);
    const { leadId } = await h.receive('p2', 'привет #ABCD-OLD');
    expect(h.db.prepare('SELECT count(*) FROM lead_events WHERE lead_id = ?').pluck().get(leadId)).toBe(0);
    expect(postbackRows(h)[0]?.outcome).toBe('pending');
    await h.tracker.stop();
    await h.tracker.start(); // start-up sweeps the window
    expect(postbackRows(h)[0]).toMatchObject({ outcome: 'rejected', error: expect.stringMatching(/^Expired/) });
  });

  it('fires the resale #2 auto action on the second re-deposit and keeps deposit totals', async () => {
    h = await trackerHarness();
    const { leadId } = await h.receive('p1', 'привет');
    h.db.prepare(`UPDATE leads SET tracker = json_set(tracker, '$.clickid', 'CLK') WHERE id = ?`).run(leadId);
    await send(h, `${h.path}/igaming?click_id=CLK&event=ftd&amount=100&tid=D1`);
    await send(h, `${h.path}/igaming?click_id=CLK&event=deposit&amount=30&tid=D2`);
    expect(h.position(leadId).tags).toEqual(['ftd']);
    await send(h, `${h.path}/igaming?click_id=CLK&event=deposit&amount=20,5&tid=D3`);
    expect(h.position(leadId).tags).toEqual(['ftd', 'rd2']);
    const fired = h.db.prepare("SELECT json_extract(payload, '$.ruleId') FROM events WHERE type = 'auto_action.fired' AND lead_id = ?").pluck().all(leadId);
    expect(fired).toEqual(['on_sale', 'on_rd2']);

    expect(h.db.prepare("SELECT name, amount, transaction_id AS tid FROM lead_events WHERE lead_id = ? ORDER BY id").all(leadId)).toEqual([
      { name: 'sale', amount: 100, tid: 'D1' },
      { name: 'resale', amount: 30, tid: 'D2' },
      { name: 'resale', amount: 20.5, tid: 'D3' },
    ]);
    const card = await h.handlers['tracker.lead']({ leadId });
    expect(card.deposits).toEqual({ firstAmount: 100, total: 150.5, count: 3, unparsedPayouts: [] });
    expect(card.postbacks).toHaveLength(3);
  });

  it('logs every request with preset, raw query, parsed event, lead and outcome; pages the log', async () => {
    h = await trackerHarness();
    const { leadId } = await h.receive('p1', 'привет');
    h.db.prepare(`UPDATE leads SET tracker = json_set(tracker, '$.clickid', 'CLK') WHERE id = ?`).run(leadId);
    await send(h, `${h.path}/binom?cnv_id=CLK&cnv_status=signup`);
    await send(h, `${h.path}/binom?cnv_status=signup`);
    await send(h, `${h.path}/binom?cnv_id=NOPE&cnv_status=approve&payout=5`);

    const page1 = await h.handlers['tracker.log']({ limit: 2 });
    expect(page1.rows.map((r) => r.outcome)).toEqual(['pending', 'rejected']);
    expect(page1.nextBeforeId).not.toBeNull();
    const page2 = await h.handlers['tracker.log']({ limit: 2, beforeId: page1.nextBeforeId ?? undefined });
    expect(page2.rows).toHaveLength(1);
    expect(page2.rows[0]).toMatchObject({
      preset: 'binom',
      method: 'GET',
      raw: { query: 'cnv_id=CLK&cnv_status=signup' },
      clickId: 'CLK',
      event: 'registration',
      leadId,
      outcome: 'applied',
      parsed: { event: 'registration', status: 'signup' },
    });
    expect((await h.handlers['tracker.log']({ outcome: 'rejected', limit: 10 })).rows[0]?.error).toMatchObject({ code: 'pbMissingClickId' });
  });
});
