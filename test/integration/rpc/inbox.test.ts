import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RpcEvent, RpcOutput } from '../../../src/shared/rpc';
import { addAccount, leadWrites, testApp } from '../../support/appFixture';

const app = testApp();
let scriptId = 0;
let accountId = 0;
const pushed: { event: RpcEvent; payload: unknown }[] = [];

beforeAll(async () => {
  scriptId = (await app.call('scripts.create', { template: 'screenshot-funnel' })).id;
  accountId = addAccount(app, scriptId);
  app.events.subscribe((event, payload) => pushed.push({ event, payload }));
  for (let i = 0; i < 250; i++) await leadWrites(app, accountId, scriptId, `p${i}`, i % 50 === 0 ? 'стоп' : 'привет', 1_000_000 + i);
});
afterAll(() => app.close());

describe('inbox over RPC', () => {
  it('pages 250 chats by keyset with no duplicates or gaps, newest first', async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: RpcOutput<'leads.list'> = await app.call('leads.list', { filters: {}, cursor, limit: 100 });
      expect(page.total).toBe(cursor ? -1 : 250);
      seen.push(...page.rows.map((r) => r.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(250);
    expect(new Set(seen).size).toBe(250);
    const first = await app.call('leads.list', { filters: {}, cursor: null, limit: 3 });
    expect(first.rows[0]?.lastMessageAt ?? 0).toBeGreaterThanOrEqual(first.rows[1]?.lastMessageAt ?? 0);
    // The newest lead wrote «привет»: the A/B router drew one greeting, which waits for the reply.
    expect(['Приветствие A — знакомство', 'Приветствие B — про игру', 'Приветствие C — коротко', 'Приветствие D — та самая курочка']).toContain(first.rows[0]?.stepTitle);
  });

  it('filters by status, tag and text, and puts leads needing a human first', async () => {
    const stopped = await app.call('leads.list', { filters: { status: 'stopped' }, cursor: null, limit: 100 });
    expect(stopped.total).toBe(5);
    expect((await app.call('leads.list', { filters: { tag: 'stopped' }, cursor: null, limit: 100 })).total).toBe(5);
    expect((await app.call('leads.list', { filters: { search: 'p123' }, cursor: null, limit: 100 })).rows.map((r) => r.name)).toEqual(['Lead p123']);
    const target = (await app.call('leads.list', { filters: { search: 'p7' }, cursor: null, limit: 1 })).rows[0];
    if (!target) throw new Error('no lead');
    await app.call('leads.takeover', { id: target.id });
    const top = await app.call('leads.list', { filters: {}, cursor: null, limit: 1 });
    expect(top.rows[0]).toMatchObject({ id: target.id, status: 'manual' });
    expect(pushed).toContainEqual({ event: 'lead.changed', payload: { id: target.id } });
    expect(pushed).toContainEqual({ event: 'lead.needsHuman', payload: { id: target.id, name: target.name, reason: { code: 'operatorTookOver' }, cause: 'handover' } });
  });

  it('shows the conversation and card; operator messages, edits and release go through the engine', async () => {
    const lead = (await app.call('leads.list', { filters: { search: 'p11' }, cursor: null, limit: 1 })).rows[0];
    if (!lead) throw new Error('no lead');
    await app.call('leads.takeover', { id: lead.id });
    await app.call('leads.say', { id: lead.id, text: 'Здравствуйте, это оператор' });
    await app.call('leads.update', { id: lead.id, addTags: ['vip'], removeTags: [], fields: { platform_id: '12345678' } });
    const card = await app.call('leads.get', { id: lead.id });
    expect(card).toMatchObject({ status: 'manual', tags: expect.arrayContaining(['vip']), fields: { platform_id: '12345678' }, variants: [expect.objectContaining({ routerTitle: 'A/B: приветствие' })] });
    const messages = await app.call('leads.messages', { id: lead.id, beforeId: null, limit: 50 });
    expect(messages[0]?.sender).toBe('lead');
    expect(messages.at(-1)).toMatchObject({ sender: 'operator', text: 'Здравствуйте, это оператор' });
    expect(messages.some((m) => m.sender === 'bot')).toBe(true);
    await app.call('leads.release', { id: lead.id, to: null });
    expect((await app.call('leads.get', { id: lead.id })).status).toBe('waiting');
    const timeline = await app.call('leads.events', { id: lead.id, limit: 50 });
    expect(timeline.map((e) => e.type)).toEqual(expect.arrayContaining(['operator.takeover', 'operator.say', 'operator.edit', 'operator.release', 'ab.assigned', 'step.entered']));
    await app.call('leads.markRead', { id: lead.id });
    expect((await app.call('leads.get', { id: lead.id })).unread).toBe(0);
    expect(await app.rpc.dispatch('leads.get', { id: 999999 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('counts A/B variants, the step funnel and events per day', async () => {
    const leadIds = (await app.call('leads.list', { filters: { status: 'waiting' }, cursor: null, limit: 20 })).rows.map((r) => r.id);
    for (const id of leadIds.slice(0, 10)) await app.engine.event(id, { name: 'registration', source: 'postback' });
    for (const id of leadIds.slice(0, 3)) await app.engine.event(id, { name: 'sale', amount: 50, source: 'postback' });
    const [router] = await app.call('stats.ab', { scriptId, from: 0, to: Date.now() + 1 });
    expect(router?.variants).toHaveLength(4);
    expect(router?.variants.reduce((n, v) => n + v.assigned, 0)).toBe(245);
    expect(router?.variants.reduce((n, v) => n + v.registrations, 0)).toBe(10);
    expect(router?.variants.reduce((n, v) => n + v.firstDeposits, 0)).toBe(3);
    const pBest = router?.variants.reduce((n, v) => n + v.registrationRate.pBest, 0) ?? 0;
    expect(pBest).toBeCloseTo(1, 5);
    const script = await app.call('scripts.get', { id: scriptId });
    const greeting = (script.body as { flows: { id: string }[] }).flows[0]?.id ?? '';
    const funnel = await app.call('stats.funnel', { scriptId, flowId: greeting, from: 0, to: Date.now() + 1 });
    expect(funnel[0]).toMatchObject({ entered: 245, passed: 245 });
    const days = await app.call('stats.eventsByDay', { scriptId, from: 0, to: Date.now() + 86_400_000, timezone: 'Europe/Moscow' });
    const totals = days.reduce((acc, d) => ({ leads: acc.leads + d.newLeads, reg: acc.reg + (d.events.registration ?? 0), amount: acc.amount + d.amount }), { leads: 0, reg: 0, amount: 0 });
    expect(totals).toEqual({ leads: 250, reg: 10, amount: 150 });
  });
});
