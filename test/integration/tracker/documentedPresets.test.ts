import { afterEach, describe, expect, it } from 'vitest';
import { decodeMessage, englishText } from '../../../src/shared/appMessage';
import { send, trackerHarness, type TrackerHarness } from './harness';

// Each bullet of "Presets follow the documentation" (issue 13), fired over real HTTP the way the
// tracker's own documentation writes the postback (../shared/reference/tracker-postbacks.md).

let h: TrackerHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function withLead(clickId: string, settings = {}): Promise<{ h: TrackerHarness; leadId: number }> {
  h = await trackerHarness(settings);
  const { leadId } = await h.receive('p1', 'привет');
  h.db.prepare(`UPDATE leads SET tracker = json_set(tracker, '$.clickid', ?) WHERE id = ?`).run(clickId, leadId);
  return { h, leadId };
}

interface Row {
  outcome: string;
  event: string | null;
  error: string | null;
  parsed: Record<string, unknown> | null;
}
function rows(h: TrackerHarness): Row[] {
  const raw = h.db.prepare('SELECT outcome, event, error, parsed FROM postbacks ORDER BY id').all() as { outcome: string; event: string | null; error: string | null; parsed: string | null }[];
  // Reasons are stored coded; read in English, as the sender got them.
  return raw.map((r) => ({ ...r, error: r.error === null ? null : englishText(decodeMessage(r.error)), parsed: r.parsed === null ? null : (JSON.parse(r.parsed) as Record<string, unknown>) }));
}
function lastRow(h: TrackerHarness): Row {
  const all = rows(h);
  return all[all.length - 1] as Row;
}
function leadEvents(h: TrackerHarness, leadId: number): { name: string; amount: number | null; currency: string | null }[] {
  return h.db.prepare('SELECT name, amount, currency FROM lead_events WHERE lead_id = ? ORDER BY id').all(leadId) as never;
}
function sentTexts(h: TrackerHarness, leadId: number): string[] {
  return h.db.prepare("SELECT text FROM messages WHERE lead_id = ? AND random_id IS NOT NULL ORDER BY id").pluck().all(leadId) as string[];
}

describe('Keitaro: status transformations in the request', () => {
  // docs.keitaro.io/en/conversions/postback.html: lead_status=, sale_status=, rejected_status= name the
  // sender's own words; ignore_status= (older: ignore=) drops a postback; rebill counts with a unique tid.
  it('reads the sender’s words as the request says, over the preset’s defaults, and keeps the raw word', async () => {
    const { h, leadId } = await withLead('KT1');
    const mapping = 'lead_status=deposit,reg&sale_status=approved&rejected_status=fraud';
    // "deposit" would be a first deposit by the preset's default; the request says it is a hold (lead).
    expect((await send(h, `${h.path}/keitaro?subid=KT1&tid=7&status=deposit&payout=50&${mapping}`)).status).toBe(200);
    expect(lastRow(h)).toMatchObject({ outcome: 'applied', event: 'registration', parsed: { status: 'deposit' } });
    // The same conversion confirmed: a first deposit, not a duplicate of the hold.
    expect((await send(h, `${h.path}/keitaro?subid=KT1&tid=7&status=approved&payout=50&${mapping}`)).status).toBe(200);
    expect(lastRow(h)).toMatchObject({ outcome: 'applied', event: 'sale', parsed: { status: 'approved' } });
    expect(h.position(leadId)).toMatchObject({ flow: 'dep', tags: ['ftd'] });
    // A chargeback word of the sender's: the rejected status.
    expect((await send(h, `${h.path}/keitaro?subid=KT1&tid=7&status=fraud&${mapping}`)).status).toBe(200);
    expect(lastRow(h)).toMatchObject({ outcome: 'applied', event: 'rejected', parsed: { status: 'fraud' } });
    expect(leadEvents(h, leadId).map((e) => e.name)).toEqual(['registration', 'sale', 'rejected']);
  });

  it('ignores statuses listed in ignore_status= and the older ignore=: logged as ignored, no event', async () => {
    const { h, leadId } = await withLead('KT2');
    expect(await send(h, `${h.path}/keitaro?subid=KT2&status=test&ignore_status=ping,test`)).toEqual({ status: 200, body: 'OK' });
    expect(await send(h, `${h.path}/keitaro?subid=KT2&status=Ping&ignore=ping`)).toEqual({ status: 200, body: 'OK' });
    // A listed word wins even over a status the preset knows.
    expect((await send(h, `${h.path}/keitaro?subid=KT2&status=sale&ignore_status=sale`)).status).toBe(200);
    expect(rows(h).map((r) => [r.outcome, r.parsed?.status])).toEqual([
      ['ignored', 'test'],
      ['ignored', 'Ping'],
      ['ignored', 'sale'],
    ]);
    expect(leadEvents(h, leadId)).toEqual([]);
  });

  it('counts a rebill with a unique tid as a re-deposit, and a repeated tid once', async () => {
    const { h, leadId } = await withLead('KT3');
    await send(h, `${h.path}/keitaro?subid=KT3&status=sale&payout=100&tid=1`);
    await send(h, `${h.path}/keitaro?subid=KT3&status=rebill&payout=30&tid=2`);
    await send(h, `${h.path}/keitaro?subid=KT3&status=rebill&payout=30&tid=2`);
    expect(rows(h).map((r) => [r.outcome, r.event, r.parsed?.resaleNumber ?? null])).toEqual([
      ['applied', 'sale', null],
      ['applied', 'resale', 1],
      ['duplicate', 'resale', 1],
    ]);
    expect(leadEvents(h, leadId).map((e) => [e.name, e.amount])).toEqual([
      ['sale', 100],
      ['resale', 30],
    ]);
  });
});

describe('Repeat conversions in every preset', () => {
  // A deposit word with a transaction id not seen for the click, on a click that has a first deposit.
  const presets: { preset: string; first: string; again: string }[] = [
    { preset: 'keitaro', first: 'subid=C&status=sale&payout=100&tid=A', again: 'subid=C&status=sale&payout=40&tid=B' },
    { preset: 'binom', first: 'cnv_id=C&cnv_status=approved&payout=100&txid=A', again: 'cnv_id=C&cnv_status=approved&payout=40&txid=B' },
    { preset: 'voluum', first: 'cid=C&payout=100&txid=A', again: 'cid=C&payout=40&txid=B' },
    { preset: 'bemob', first: 'cid=C&payout=100&txid=A&status=confirm', again: 'cid=C&payout=40&txid=B&status=confirm' },
    { preset: 'redtrack', first: 'clickid=C&type=FTD&sum=100&rdtk_event_id=A', again: 'clickid=C&type=Deposit&sum=40&rdtk_event_id=B' },
    { preset: 'igaming', first: 'click_id=C&event=ftd&amount=100&tid=A', again: 'click_id=C&event=ftd&amount=40&tid=B' },
    { preset: 'custom', first: 'clickid=C&event=sale&payout=100&tid=A', again: 'clickid=C&event=sale&payout=40&tid=B' },
  ];
  for (const p of presets) {
    it(`${p.preset}: a new transaction id is re-deposit #N, the same one a duplicate`, async () => {
      const { h, leadId } = await withLead('C');
      await send(h, `${h.path}/${p.preset}?${p.first}`);
      await send(h, `${h.path}/${p.preset}?${p.again}`);
      await send(h, `${h.path}/${p.preset}?${p.again}`);
      await send(h, `${h.path}/${p.preset}?${p.again.replace(/(tid|txid|rdtk_event_id)=B/, '$1=C2')}`);
      expect(rows(h).map((r) => [r.outcome, r.event, r.parsed?.resaleNumber ?? null])).toEqual([
        ['applied', 'sale', null],
        ['applied', 'resale', 1],
        ['duplicate', 'resale', 1],
        ['applied', 'resale', 2],
      ]);
      expect(leadEvents(h, leadId).map((e) => e.name)).toEqual(['sale', 'resale', 'resale']);
      // The resale #2 auto action of the harness script fired once.
      expect(h.position(leadId).tags).toEqual(['ftd', 'rd2']);
    });
  }

  it('without a transaction id, a tracker’s repeat deposit for the click is a duplicate (Keitaro, Voluum)', async () => {
    const { h, leadId } = await withLead('N1');
    await send(h, `${h.path}/keitaro?subid=N1&status=sale&payout=100`);
    await send(h, `${h.path}/keitaro?subid=N1&status=sale&payout=100`);
    await send(h, `${h.path}/keitaro?subid=N1&status=rebill&payout=20`);
    await send(h, `${h.path}/voluum?cid=N1&payout=100`);
    expect(rows(h).map((r) => r.outcome)).toEqual(['applied', 'duplicate', 'duplicate', 'duplicate']);
    expect(leadEvents(h, leadId).map((e) => e.name)).toEqual(['sale']);
  });

  it('without a transaction id, each iGaming deposit URL call is the next re-deposit', async () => {
    const { h, leadId } = await withLead('N2');
    await send(h, `${h.path}/igaming?click_id=N2&event=ftd&amount=100`);
    await send(h, `${h.path}/igaming?click_id=N2&event=ftd&amount=100`);
    await send(h, `${h.path}/igaming?click_id=N2&event=deposit&amount=30`);
    await send(h, `${h.path}/igaming?click_id=N2&event=deposit&amount=20`);
    expect(rows(h).map((r) => [r.outcome, r.event, r.parsed?.resaleNumber ?? null])).toEqual([
      ['applied', 'sale', null],
      ['duplicate', 'sale', null],
      ['applied', 'resale', 1],
      ['applied', 'resale', 2],
    ]);
    expect(leadEvents(h, leadId).map((e) => [e.name, e.amount])).toEqual([
      ['sale', 100],
      ['resale', 30],
      ['resale', 20],
    ]);
  });
});

describe('BeMob: its own forwarded {status} words', () => {
  // docs.bemob.com/en/postbacks-for-selected-statuses: {status} = new, confirm, decline, charge.
  it('reads new, confirm, decline and charge; and the fixed lead / hold / reject of per-status URLs', async () => {
    const { h, leadId } = await withLead('BM1');
    for (const status of ['new', 'confirm', 'decline', 'charge']) {
      expect((await send(h, `${h.path}/bemob?cid=BM1&payout=50&txid=T1&status=${status}`)).status).toBe(200);
    }
    expect(rows(h).map((r) => [r.outcome, r.event])).toEqual([
      ['applied', 'registration'],
      ['applied', 'sale'],
      ['applied', 'rejected'],
      ['applied', 'chargeback'],
    ]);
    const other = await withLead('BM2');
    for (const status of ['lead', 'hold', 'reject']) await send(other.h, `${other.h.path}/bemob?cid=BM2&payout=5&txid=X&status=${status}`);
    expect(rows(other.h).map((r) => [r.outcome, r.event])).toEqual([
      ['applied', 'registration'],
      ['duplicate', 'registration'],
      ['applied', 'rejected'],
    ]);
    expect(leadEvents(h, leadId).map((e) => e.name)).toEqual(['registration', 'sale', 'rejected', 'chargeback']);
  });
});

describe('RedTrack: type= and status=', () => {
  // help.redtrack.io tracking-event-types: type= case-sensitive custom names; status= Approved, Pending,
  // Declined, Other; rdtk_event_id= de-duplicates.
  it('takes a Declined FTD for a rejection, never a deposit, and thanks no one', async () => {
    const { h, leadId } = await withLead('RT1');
    await send(h, `${h.path}/redtrack?clickid=RT1&type=Registration`);
    const before = sentTexts(h, leadId).length;
    await send(h, `${h.path}/redtrack?clickid=RT1&type=FTD&sum=50&status=Declined&rdtk_event_id=e1`);
    expect(lastRow(h)).toMatchObject({ outcome: 'applied', event: 'rejected', parsed: { status: 'Declined' } });
    expect(sentTexts(h, leadId).slice(before)).toEqual([]);
    expect(h.position(leadId).flow).toBe('reg');
    await send(h, `${h.path}/redtrack?clickid=RT1&type=FTD&sum=50&status=Approved&rdtk_event_id=e2`);
    await send(h, `${h.path}/redtrack?clickid=RT1&type=FTD&sum=50&status=Approved&rdtk_event_id=e2`);
    expect(rows(h).slice(2).map((r) => [r.outcome, r.event])).toEqual([
      ['applied', 'sale'],
      ['duplicate', 'sale'],
    ]);
    expect(leadEvents(h, leadId).map((e) => e.name)).toEqual(['registration', 'rejected', 'sale']);
    expect(h.db.prepare('SELECT total FROM lead_deposit_totals WHERE lead_id = ?').pluck().get(leadId)).toBe(50);
  });

  it('matches type names case-sensitively; an unknown one is mapped on the Tracker page', async () => {
    const { h, leadId } = await withLead('RT2');
    expect((await send(h, `${h.path}/redtrack?clickid=RT2&type=ftd&sum=10`)).status).toBe(422);
    expect(lastRow(h).error).toMatch(/Unknown type "ftd"/);
    await h.handlers['tracker.settings.set']({ presets: { redtrack: { statusMap: { ftd: 'sale' } } } });
    expect((await send(h, `${h.path}/redtrack?clickid=RT2&type=ftd&sum=10`)).status).toBe(200);
    expect((await send(h, `${h.path}/redtrack?clickid=RT2&type=Ftd&sum=10&rdtk_event_id=z`)).status).toBe(422);
    // No type: status alone decides (Approved is the default conversion; no status = Other).
    expect((await send(h, `${h.path}/redtrack?clickid=RT2&status=Declined&rdtk_event_id=q`)).status).toBe(200);
    expect(leadEvents(h, leadId).map((e) => e.name)).toEqual(['sale', 'rejected']);
  });
});

describe('Negative outcomes are their own events', () => {
  it('rejected, declined and chargeback are never a deposit and never thanked; auto actions may tag them', async () => {
    const { h, leadId } = await withLead('NG1');
    await send(h, `${h.path}/keitaro?subid=NG1&status=rejected&payout=50&tid=1`);
    await send(h, `${h.path}/binom?cnv_id=NG1&cnv_status=declined&payout=50&txid=2`);
    await send(h, `${h.path}/igaming?click_id=NG1&event=chargeback&amount=50`);
    expect(rows(h).map((r) => [r.outcome, r.event])).toEqual([
      ['applied', 'rejected'],
      ['applied', 'rejected'],
      ['applied', 'chargeback'],
    ]);
    expect(leadEvents(h, leadId).map((e) => e.name)).toEqual(['rejected', 'rejected', 'chargeback']);
    expect(h.position(leadId)).toMatchObject({ flow: 'main', tags: ['negative'] });
    expect(h.db.prepare('SELECT count(*) FROM lead_deposit_totals WHERE lead_id = ?').pluck().get(leadId)).toBe(0);
    expect(sentTexts(h, leadId).filter((t) => /Депозит|регистрац/.test(t))).toEqual([]);
  });
});

describe('iGaming: one URL per event', () => {
  it('shows one URL per event, without a transaction macro that programmes fill with the sub id', async () => {
    h = await trackerHarness();
    const urls = (await h.handlers['tracker.postbackUrls']({ baseUrl: 'https://pb.example' })).filter((u) => u.preset === 'igaming');
    expect(urls.map((u) => new URL(u.url).searchParams.get('event'))).toEqual(['registration', 'ftd', 'deposit']);
    for (const u of urls) expect(u.url).not.toMatch(/transaction_id/);
  });

  it('does not take a {transaction_id} filled with the sub id for a per-event transaction id', async () => {
    const { h, leadId } = await withLead('SUB9');
    await send(h, `${h.path}/igaming?click_id=SUB9&event=ftd&amount=100&transaction_id=SUB9`);
    await send(h, `${h.path}/igaming?click_id=SUB9&event=deposit&amount=30&transaction_id=SUB9`);
    await send(h, `${h.path}/igaming?click_id=SUB9&event=deposit&amount=20&transaction_id=SUB9`);
    // Even as tid=, a value equal to the click id is the sub id, not a transaction.
    await send(h, `${h.path}/igaming?click_id=SUB9&event=deposit&amount=10&tid=SUB9`);
    expect(leadEvents(h, leadId).map((e) => [e.name, e.amount])).toEqual([
      ['sale', 100],
      ['resale', 30],
      ['resale', 20],
      ['resale', 10],
    ]);
  });
});

describe('Payouts as networks send them', () => {
  const payouts: [string, number, string | null][] = [
    ['20,50', 20.5, null],
    ['1,000.50', 1000.5, null],
    ['1 000,50', 1000.5, null],
    ['1.000,50', 1000.5, null],
    ['25 USD', 25, 'USD'],
    ['$25', 25, 'USD'],
    ['€12.5', 12.5, 'EUR'],
  ];
  it('reads amount and currency from 20,50 / 1,000.50 / 1 000,50 / 25 USD / $25', async () => {
    const { h, leadId } = await withLead('PO1');
    let n = 0;
    for (const [payout] of payouts) await send(h, `${h.path}/keitaro?subid=PO1&status=sale&tid=t${n++}&payout=${encodeURIComponent(payout)}`);
    expect(leadEvents(h, leadId).map((e) => [e.amount, e.currency])).toEqual(payouts.map(([, amount, currency]) => [amount, currency]));
  });

  it('keeps an unparsable payout raw and flags it in the log and on the lead, never silently dropped', async () => {
    const { h, leadId } = await withLead('PO2');
    expect((await send(h, `${h.path}/keitaro?subid=PO2&status=sale&tid=1&payout=${encodeURIComponent('12.5.0')}`)).status).toBe(200);
    expect(lastRow(h)).toMatchObject({ outcome: 'applied', parsed: { amount: null, payoutRaw: '12.5.0', payoutUnparsed: true } });
    const card = await h.handlers['tracker.lead']({ leadId });
    expect(card.deposits).toMatchObject({ count: 1, unparsedPayouts: ['12.5.0'] });
    const event = h.db.prepare("SELECT payload FROM events WHERE lead_id = ? AND type = 'lead.event'").pluck().get(leadId) as string;
    expect(JSON.parse(event)).toMatchObject({ payoutRaw: '12.5.0', payoutUnparsed: true });
  });
});

describe('Broken percent-encoding', () => {
  it('is answered as malformed (400 with that reason), not as an unfilled macro or a value', async () => {
    const { h } = await withLead('PE1');
    for (const bad of ['%E0%A4%A', 'PE1%zz', '%C3']) {
      const response = await send(h, `${h.path}/keitaro?subid=${bad}&status=sale`);
      expect(response).toEqual({ status: 400, body: 'Malformed percent-encoding in subid' });
    }
    // An unfilled %macro% (the sender's literal template) is still an unfilled macro.
    expect((await send(h, `${h.path}/keitaro?subid=PE1&status=sale&tid=%tid%`)).body).toBe('Unfilled macro in tid: %tid%');
    expect(rows(h).map((r) => r.outcome)).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
    expect(h.db.prepare('SELECT count(*) FROM lead_events').pluck().get()).toBe(0);
  });
});
