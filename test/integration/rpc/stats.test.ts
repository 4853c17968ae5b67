import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount, leadWrites, testApp } from '../../support/appFixture';

/**
 * Statistics you can trust (issue 15): every figure follows the chosen script, account and period,
 * and counts leads, not events. Two scripts and two accounts share one database here, so a query that
 * ignores a filter shows the other's leads.
 */
const app = testApp();
const day = 86_400_000;
const now = Date.now();
let scriptA = 0;
let scriptB = 0;
let account1 = 0;
let account2 = 0;
const leadsA1: number[] = [];
const leadsA2: number[] = [];
const leadsB: number[] = [];
const all = { from: 0, to: now + day };

const setTracker = (leadId: number, tracker: Record<string, string>): void => {
  app.db.prepare('UPDATE leads SET tracker = ? WHERE id = ?').run(JSON.stringify(tracker), leadId);
};

beforeAll(async () => {
  scriptA = (await app.call('scripts.create', { template: 'screenshot-funnel' })).id;
  scriptB = (await app.call('scripts.create', { template: 'screenshot-funnel' })).id;
  account1 = addAccount(app, scriptA);
  account2 = addAccount(app, scriptA);
  const account3 = addAccount(app, scriptB);
  for (let i = 0; i < 6; i++) leadsA1.push(await leadWrites(app, account1, scriptA, `a1-${i}`, 'привет', now - 2 * day + i));
  for (let i = 0; i < 4; i++) leadsA2.push(await leadWrites(app, account2, scriptA, `a2-${i}`, 'привет', now - 2 * day + i));
  // Script B's leads are the most recently active ones, and they all register and deposit.
  for (let i = 0; i < 3; i++) leadsB.push(await leadWrites(app, account3, scriptB, `b-${i}`, 'привет', now - day + i));
  for (const id of leadsB) {
    await app.engine.event(id, { name: 'registration', source: 'postback' });
    await app.engine.event(id, { name: 'sale', amount: 100, source: 'postback' });
  }
  // In script A: the first lead registers twice (one lead, two events) and deposits twice.
  const [first, second] = leadsA1;
  if (first === undefined || second === undefined) throw new Error('no leads');
  await app.engine.event(first, { name: 'registration', source: 'postback' });
  await app.engine.event(first, { name: 'registration', source: 'postback' });
  await app.engine.event(first, { name: 'sale', amount: 50, source: 'postback' });
  await app.engine.event(first, { name: 'resale', amount: 20, source: 'postback' });
  await app.engine.event(second, { name: 'registration', source: 'postback' });
  setTracker(first, { clickid: 'c1', campaign: 'Spring', source: 'campaign' });
  setTracker(second, { clickid: 'c2', campaign: 'Spring', source: 'campaign' });
  for (const id of leadsA2) setTracker(id, { clickid: `o${id}`, source: 'organic' });
});
afterAll(() => app.close());

describe('statistics follow the chosen script, account and period', () => {
  it('defaults to the script with the latest activity', async () => {
    expect(await app.call('stats.defaultScript', {})).toEqual({ scriptId: scriptB });
  });

  it('events by day count only the chosen script’s leads, each lead once per event and day', async () => {
    const sum = async (scriptId: number, accountId: number | null = null) => {
      const days = await app.call('stats.eventsByDay', { scriptId, accountId, ...all, timezone: 'Europe/Moscow' });
      return days.reduce(
        (acc, d) => ({ leads: acc.leads + d.newLeads, reg: acc.reg + (d.events.registration ?? 0), sale: acc.sale + (d.events.sale ?? 0), amount: acc.amount + d.amount }),
        { leads: 0, reg: 0, sale: 0, amount: 0 },
      );
    };
    expect(await sum(scriptA)).toEqual({ leads: 10, reg: 2, sale: 1, amount: 70 });
    expect(await sum(scriptB)).toEqual({ leads: 3, reg: 3, sale: 3, amount: 300 });
    expect(await sum(scriptA, account2)).toEqual({ leads: 4, reg: 0, sale: 0, amount: 0 });
    // A period before any lead: nothing.
    expect(await app.call('stats.eventsByDay', { scriptId: scriptA, from: 0, to: now - 10 * day })).toEqual([]);
  });

  it('the A/B table counts per lead and per account, and says "not enough data" instead of a chance-of-best', async () => {
    const [router] = await app.call('stats.ab', { scriptId: scriptA, ...all });
    if (!router) throw new Error('no router');
    expect(router.variants.reduce((n, v) => n + v.assigned, 0)).toBe(10);
    expect(router.variants.reduce((n, v) => n + v.registrations, 0)).toBe(2);
    expect(router.variants.reduce((n, v) => n + v.firstDeposits, 0)).toBe(1);
    expect(router.sample.registrationRate.enough).toBe(false);
    expect(router.sample.registrationRate.neededPerVariant).toBeGreaterThan(0);
    expect(router.sample.depositRate).toMatchObject({ enough: false });
    expect(router.variants.every((v) => v.registrationRate.pBest === 0 && v.depositRate.pBest === 0)).toBe(true);
    const [byAccount] = await app.call('stats.ab', { scriptId: scriptA, accountId: account2, ...all });
    expect(byAccount?.variants.reduce((n, v) => n + v.assigned, 0)).toBe(4);
  });

  it('the step funnel follows the account filter', async () => {
    const script = await app.call('scripts.get', { id: scriptA });
    const start = (script.body as { flows: { id: string }[] }).flows[0]?.id ?? '';
    const [router] = await app.call('stats.funnel', { scriptId: scriptA, flowId: start, ...all });
    expect(router).toMatchObject({ entered: 10, passed: 10 });
    const [router2] = await app.call('stats.funnel', { scriptId: scriptA, accountId: account1, flowId: start, ...all });
    expect(router2).toMatchObject({ entered: 6, passed: 6 });
  });

  it('the tracker funnel per campaign and source: dialogs → registrations → deposits → re-deposits, revenue', async () => {
    const rows = await app.call('stats.trackerFunnel', { scriptId: scriptA, ...all, by: 'campaign' });
    expect(rows).toEqual([
      { group: '', sub: '', dialogs: 4, registrations: 0, firstDeposits: 0, reDeposits: 0, revenue: 0 },
      { group: '', sub: 'organic', dialogs: 4, registrations: 0, firstDeposits: 0, reDeposits: 0, revenue: 0 },
      { group: 'Spring', sub: 'campaign', dialogs: 2, registrations: 2, firstDeposits: 1, reDeposits: 1, revenue: 70 },
    ]);
    const variants = await app.call('stats.trackerFunnel', { scriptId: scriptA, ...all, by: 'variant' });
    expect(variants.reduce((n, r) => n + r.dialogs, 0)).toBe(10);
    expect(variants.reduce((n, r) => n + r.revenue, 0)).toBe(70);
    // Titles from the script, not internal ids.
    expect(variants.every((r) => !/_[a-z0-9]{5}$/.test(r.sub))).toBe(true);
    expect(await app.call('stats.trackerFunnel', { scriptId: scriptB, ...all, by: 'campaign' })).toEqual([
      { group: '', sub: '', dialogs: 3, registrations: 3, firstDeposits: 3, reDeposits: 0, revenue: 300 },
    ]);
  });
});
