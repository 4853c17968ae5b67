import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { dbFileName } from '../../../src/main/app';
import { openDatabase } from '../../../src/main/db/connection';
import { dueChatHeads } from '../../../src/main/db/repositories/telegramStateRepo';
import type { RpcEvent } from '../../../src/shared/rpc';
import { addAccount, leadWrites, testApp } from '../../support/appFixture';
import { echoScript } from '../../support/engineFixture';

// A stored JSON column that no longer parses (hand-edited, a buggy build, a bad disk) must show as an
// error on that lead — never be read as empty state the funnel then acts on — while others carry on.
const app = testApp();
let scriptId = 0;
let accountId = 0;
const pushed: { event: RpcEvent; payload: unknown }[] = [];

const texts = async (id: number) => (await app.call('leads.messages', { id, beforeId: null, limit: 50 })).map((m) => `${m.sender}: ${m.text}`);
const timelineTypes = async (id: number) => (await app.call('leads.events', { id, limit: 100 })).map((e) => e.type).filter((t) => t === 'lead.state_damaged');

beforeAll(async () => {
  const imported = await app.call('scripts.import', { json: JSON.stringify(echoScript) });
  if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
  scriptId = imported.id;
  accountId = addAccount(app, scriptId);
  app.events.subscribe((event, payload) => pushed.push({ event, payload }));
});
afterAll(() => app.close());

describe('damaged stored state', () => {
  it('a step_state that is not JSON puts that lead in a visible error state; the other lead is still served', async () => {
    const damaged = await leadWrites(app, accountId, scriptId, 'damaged', 'привет');
    const healthy = await leadWrites(app, accountId, scriptId, 'healthy', 'привет');
    await app.engine.idle();
    app.db.prepare('UPDATE leads SET step_state = ? WHERE id = ?').run('{"visits": 1', damaged);

    await leadWrites(app, accountId, scriptId, 'damaged', 'ещё раз');
    await leadWrites(app, accountId, scriptId, 'healthy', 'ещё раз');
    await app.engine.idle();

    const card = await app.call('leads.get', { id: damaged });
    expect(card.status).toBe('manual');
    expect(card.statusReason).toEqual({ code: 'stateDamaged', params: { column: 'leads.step_state' } });
    expect(card.stateDamage).toEqual([{ column: 'leads.step_state', problem: expect.stringMatching(/^not valid JSON \(/) }]);
    // The lead's message is kept and shown; nothing was sent from made-up state.
    expect(await texts(damaged)).toEqual(['lead: привет', 'bot: ping', 'lead: ещё раз']);
    expect(await timelineTypes(damaged)).toEqual(['lead.state_damaged']);
    expect(pushed).toContainEqual({ event: 'lead.needsHuman', payload: { id: damaged, name: 'Lead damaged', reason: { code: 'stateDamaged', params: { column: 'leads.step_state' } }, cause: 'handover' } });
    const top = await app.call('leads.list', { filters: {}, cursor: null, limit: 1 });
    expect(top.rows.map((r) => [r.id, r.status])).toEqual([[damaged, 'manual']]);

    expect(await texts(healthy)).toEqual(['lead: привет', 'bot: ping', 'lead: ещё раз', 'bot: pong']);
    expect((await app.call('leads.get', { id: healthy })).stateDamage).toEqual([]);
  });

  it('marks the lead once, however often it writes, and refuses operator actions with the reason', async () => {
    const id = await leadWrites(app, accountId, scriptId, 'repeat', 'привет');
    await app.engine.idle();
    app.db.prepare('UPDATE leads SET memo = ? WHERE id = ?').run('{"queuedMessageIds": "7"}', id);
    for (const text of ['раз', 'два', 'три']) await leadWrites(app, accountId, scriptId, 'repeat', text);
    await app.engine.idle();

    expect(await timelineTypes(id)).toEqual(['lead.state_damaged']);
    const card = await app.call('leads.get', { id });
    expect(card.stateDamage).toEqual([{ column: 'leads.memo', problem: 'queuedMessageIds: Invalid input: expected array, received string' }]);
    expect(await texts(id)).toEqual(['lead: привет', 'bot: ping', 'lead: раз', 'lead: два', 'lead: три']);

    const say = await app.rpc.dispatch('leads.say', { id, text: 'Оператор на связи' });
    expect(say).toEqual({ ok: false, error: { code: 'conflict', message: `Stored leads.memo of row ${id} is damaged: ${card.stateDamage[0]?.problem}`, detail: { code: 'storedDamaged', params: { column: 'leads.memo', row: id } } } });
    expect(await texts(id)).toHaveLength(5);
  });

  it('a script body that no longer parses (found at the next start) stops the leads that run it, with the reason', async () => {
    const first = testApp();
    const imported = await first.call('scripts.import', { json: JSON.stringify(echoScript) });
    if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
    const account = addAccount(first, imported.id);
    const id = await leadWrites(first, account, imported.id, 'script', 'привет');
    await first.close();
    const db = openDatabase(join(first.info.dataDir, dbFileName));
    db.prepare('UPDATE scripts SET body = ? WHERE id = ?').run('{"formatVersion": 1, "flows": "none"}', imported.id);
    db.close();

    const second = testApp(first.info.dataDir);
    try {
      await leadWrites(second, account, imported.id, 'script', 'ещё');
      await second.engine.idle();
      const events = await second.call('leads.events', { id, limit: 10 });
      expect(events.filter((e) => e.type === 'lead.state_damaged').map((e) => e.payload.column)).toEqual(['scripts.body']);
      expect(second.db.prepare('SELECT status, status_reason FROM leads WHERE id = ?').get(id)).toEqual({
        status: 'manual',
        status_reason: JSON.stringify({ code: 'stateDamaged', params: { column: 'scripts.body' } }),
      });
      const messages = await second.call('leads.messages', { id, beforeId: null, limit: 10 });
      expect(messages.map((m) => `${m.sender}: ${m.text}`)).toEqual(['lead: привет', 'bot: ping', 'lead: ещё']);
    } finally {
      await second.close();
    }
  });

  it('never sends a message whose stored media is damaged: it fails in the chat, which still opens, and the next one may go', async () => {
    const id = await leadWrites(app, accountId, scriptId, 'outbox', 'привет');
    await app.engine.idle();
    const row = app.db.prepare("SELECT id FROM messages WHERE lead_id = ? AND direction = 'out'").pluck().get(id) as number;
    app.db.prepare('UPDATE messages SET media = ? WHERE id = ?').run('{"kind": "photo"}', row);
    await leadWrites(app, accountId, scriptId, 'outbox', 'ещё');
    await app.engine.idle();

    const heads = () => dueChatHeads(app.db, accountId, Number.MAX_SAFE_INTEGER, 100).filter((h) => h.leadId === id).map((h) => h.text);
    expect(heads()).toEqual([]); // the sender's pass that met the damaged row
    expect(heads()).toEqual(['pong']); // its next pass
    expect(app.db.prepare('SELECT status, last_error FROM messages WHERE id = ?').get(row)).toEqual({
      status: 'failed',
      last_error: `Stored messages.media of row ${row} is damaged: path: Invalid input: expected string, received undefined`,
    });
    expect((await app.call('leads.messages', { id, beforeId: null, limit: 10 })).map((m) => [m.text, m.status, m.media, m.error])).toEqual([
      ['привет', expect.any(String), null, null],
      ['ping', 'failed', null, `Stored messages.media of row ${row} is damaged: path: Invalid input: expected string, received undefined`],
      ['ещё', expect.any(String), null, null],
      ['pong', 'queued', null, null],
    ]);
  });

  it('a damaged job payload stops only that lead; the other lead\'s overdue job still fires at start-up', async () => {
    const first = testApp();
    const imported = await first.call('scripts.import', { json: JSON.stringify(echoScript) });
    if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
    const account = addAccount(first, imported.id);
    const a = await leadWrites(first, account, imported.id, 'job-a', 'привет');
    const b = await leadWrites(first, account, imported.id, 'job-b', 'привет');
    await first.close();
    const db = openDatabase(join(first.info.dataDir, dbFileName));
    const insert = db.prepare("INSERT INTO jobs (lead_id, kind, due_at, payload, created_at) VALUES (?, 'push', 1, ?, 0)");
    insert.run(a, '[1, 2]');
    insert.run(b, JSON.stringify({ stepId: 'nowhere', index: 0 }));
    db.close();

    // The real start-up path: the scheduler fires overdue jobs once the app is up.
    const second = testApp(first.info.dataDir);
    try {
      const jobsLeft = () => second.db.prepare('SELECT count(*) FROM jobs').pluck().get();
      await vi.waitFor(() => expect(jobsLeft()).toBe(0), { timeout: 120_000, interval: 20 });
      await second.engine.idle();
      const card = await second.call('leads.get', { id: a });
      expect([card.status, card.statusReason, card.stateDamage]).toEqual(['manual', { code: 'stateDamaged', params: { column: 'jobs.payload' } }, []]);
      const events = await second.call('leads.events', { id: a, limit: 10 });
      expect(events.find((e) => e.type === 'lead.state_damaged')?.payload).toEqual({ column: 'jobs.payload', problem: 'Invalid input: expected record, received array' });
      expect((await second.call('leads.get', { id: b })).status).toBe('waiting');
    } finally {
      await second.close();
    }
  });
  it('the pending tracker events dropped with a damaged lead\'s timers are each named in its timeline (target, next attempt; no headers)', async () => {
    // A tracker that is down (503): each event waits for its next attempt as a durable job.
    const hits: string[] = [];
    const tracker = createServer((req, res) => {
      hits.push(req.url ?? '');
      res.writeHead(503).end();
    });
    await new Promise<void>((r) => tracker.listen(0, '127.0.0.1', () => r()));
    const url = `http://127.0.0.1:${(tracker.address() as AddressInfo).port}`;
    try {
      const script = {
        ...echoScript,
        name: 'Echo with postbacks',
        allowLocalTargets: true, // the tracker above listens on 127.0.0.1
        autoActions: [
          { id: 'reg', event: 'registration', actions: [{ type: 'send_postback', url: `${url}/pb?sub={{lead.first_name}}&status=reg` }] },
          { id: 'dep', event: 'sale', actions: [{ type: 'send_postback', url: `${url}/pb?sub={{lead.first_name}}&status=dep` }] },
        ],
      };
      const imported = await app.call('scripts.import', { json: JSON.stringify(script) });
      if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
      const account = addAccount(app, imported.id);
      const id = await leadWrites(app, account, imported.id, 'outbound', 'привет');
      await app.engine.event(id, { name: 'registration', source: 'operator' });
      await app.engine.event(id, { name: 'sale', amount: 50, source: 'operator' });
      await app.engine.idle();
      expect(hits).toEqual(['/pb?sub=Lead%20outbound&status=reg', '/pb?sub=Lead%20outbound&status=dep']);
      expect(app.db.prepare("SELECT count(*) FROM jobs WHERE lead_id = ? AND kind = 'outbound'").pluck().get(id)).toBe(2);

      app.db.prepare('UPDATE leads SET step_state = ? WHERE id = ?').run('{"visits"', id);
      await leadWrites(app, account, imported.id, 'outbound', 'ещё');
      await app.engine.idle();

      expect(app.db.prepare('SELECT count(*) FROM jobs WHERE lead_id = ?').pluck().get(id)).toBe(0);
      const events = await app.call('leads.events', { id, limit: 100 });
      const dropped = events.filter((e) => e.type === 'tracker.s2s_dropped').map((e) => e.payload);
      const reason = { code: 'stateDamaged', params: { column: 'leads.step_state' } };
      expect(dropped.map(({ jobId: _, dueAt: __, ...rest }) => rest).sort((a, b) => String(a.url).localeCompare(String(b.url)))).toEqual([
        { method: 'GET', url: `${url}/pb?sub=Lead%20outbound&status=dep`, ruleId: expect.stringMatching(/^dep/), nextAttempt: 2, of: 4, reason },
        { method: 'GET', url: `${url}/pb?sub=Lead%20outbound&status=reg`, ruleId: expect.stringMatching(/^reg/), nextAttempt: 2, of: 4, reason },
      ]);
      expect(dropped.every((p) => typeof p.dueAt === 'number' && !('headers' in p) && !('body' in p))).toBe(true);
      expect(hits).toHaveLength(2); // nothing was sent on the way
    } finally {
      await new Promise<void>((r) => tracker.close(() => r()));
    }
  });
});
