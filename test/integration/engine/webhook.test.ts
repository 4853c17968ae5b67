import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { insertIncoming } from '../../../src/main/db/repositories/messagesRepo';
import { createOutboundHttp } from '../../../src/main/http/outboundHttp';
import { createOfflineAi } from '../../../src/main/ai/offlineAi';
import { createSimulationWorld } from '../../../src/main/simulate/simulationWorld';
import { validateScript, type Script } from '../../../src/shared/script';

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

interface Received {
  method: string;
  url: string;
  body: string;
  contentType: string | undefined;
}

async function listen(handler: (req: IncomingMessage, body: string) => { status: number; body: string }): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({ method: req.method ?? '', url: req.url ?? '', body, contentType: req.headers['content-type'] });
      const reply = handler(req, body);
      res.writeHead(reply.status, { 'content-type': 'application/json' }).end(reply.body);
    });
  });
  await new Promise<void>((r) => server?.listen(0, '127.0.0.1', () => r()));
  return { url: `http://127.0.0.1:${(server?.address() as AddressInfo).port}`, received };
}

function script(url: string, step: Record<string, unknown> = {}, allowLocalTargets = true): Script {
  const result = validateScript({
    formatVersion: 1,
    name: 'Webhook',
    // The test servers listen on 127.0.0.1, which scripts may call only when they say so.
    allowLocalTargets,
    fields: [{ key: 'crm_id' }],
    startFlow: 'main',
    flows: [
      {
        id: 'main',
        name: 'Main',
        start: 'hook',
        steps: [
          {
            id: 'hook',
            type: 'webhook',
            method: 'POST',
            url: `${url}/lead?click={{tracker.clickid}}`,
            body: '{"name":"{{lead.first_name}}","sub1":"{{tracker.sub1}}"}',
            retries: 2,
            timeout: '2s',
            saveResponse: [{ field: 'crm_id', path: 'data.id' }],
            next: 'ok',
            onError: 'failed',
            ...step,
          },
          { id: 'ok', type: 'message', messages: [{ text: 'CRM {{fields.crm_id}}' }], waitForReply: true, next: 'hook' },
          { id: 'failed', type: 'message', messages: [{ text: 'Спасибо, скоро вернусь' }], waitForReply: true, next: 'hook' },
        ],
      },
    ],
  });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.script;
}

async function run(url: string, options: { step?: Record<string, unknown>; firstName?: string; allowLocalTargets?: boolean } = {}) {
  const world = createSimulationWorld({
    script: script(url, options.step, options.allowLocalTargets),
    ai: createOfflineAi(),
    start: Date.now(),
    seed: 1,
    lead: { first_name: options.firstName ?? 'Ира' },
    tracker: { clickid: 'CLK-1', sub1: 'fb' },
    http: createOutboundHttp(),
  });
  insertIncoming(world.db, { leadId: world.leadId, text: 'привет', ts: world.clock.now() });
  await world.engine.incomingMessage(world.leadId);
  // Durable retries are timers: an hour of virtual time lets every one fire.
  await world.advanceTo(world.clock.now() + 3_600_000);
  const out = world.db.prepare("SELECT text FROM messages WHERE direction = 'out'").pluck().all();
  const events = world.db.prepare("SELECT type, payload FROM events WHERE type LIKE 'webhook.%'").all() as { type: string; payload: string }[];
  const lead = world.store.lead(world.leadId);
  world.close();
  return { out, events, lead };
}

describe('webhook step over real HTTP', () => {
  it('sends the lead data with macros filled and saves response values to fields', async () => {
    const { url, received } = await listen(() => ({ status: 200, body: '{"data":{"id":"CRM-77"}}' }));
    const { out, events, lead } = await run(url);
    expect(received).toEqual([{ method: 'POST', url: '/lead?click=CLK-1', body: '{"name":"Ира","sub1":"fb"}', contentType: 'application/json' }]);
    expect(lead?.fields).toEqual({ crm_id: 'CRM-77' });
    expect(out).toEqual(['CRM CRM-77']);
    expect(events.map((e) => e.type)).toEqual(['webhook.sent']);
  });

  it("keeps a hostile lead name inside its query value and its JSON string", async () => {
    const hostile = 'Eve&status=deposit&payout=999#"}, "admin": true, "x": {"';
    const { url, received } = await listen(() => ({ status: 200, body: '{}' }));
    await run(url, { firstName: hostile, step: { url: `${url}/lead?name={{lead.first_name}}&status=lead`, body: '{"name":"{{lead.first_name}}","full":{{lead.full_name}}}' } });
    expect(received).toHaveLength(1);
    const target = new URL(received[0]?.url ?? '', url);
    expect([...target.searchParams.keys()]).toEqual(['name', 'status']);
    expect(target.searchParams.get('name')).toBe(hostile);
    expect(target.searchParams.get('status')).toBe('lead');
    expect(JSON.parse(received[0]?.body ?? '')).toEqual({ name: hostile, full: hostile });
  });

  it('refuses a redirect unless the step allows it, so a target cannot bounce the app to 127.0.0.1/admin/secrets', async () => {
    const secrets = await listen(() => ({ status: 200, body: '{"data":{"id":"SECRET"}}' }));
    const secretsServer = server;
    const redirecting = createServer((_req, res) => res.writeHead(302, { location: `${secrets.url}/admin/secrets` }).end());
    await new Promise<void>((r) => redirecting.listen(0, '127.0.0.1', () => r()));
    try {
      const { events, lead } = await run(`http://127.0.0.1:${(redirecting.address() as AddressInfo).port}`, { step: { retries: 0 } });
      expect(secrets.received).toHaveLength(0);
      expect(lead?.fields).toEqual({});
      expect(events.map((e) => e.type)).toEqual(['webhook.failed']);
      expect(JSON.parse(events[0]?.payload ?? '{}').reason).toMatch(/Redirect \(HTTP 302\).*not followed/);
    } finally {
      await new Promise<void>((r) => redirecting.close(() => r()));
      server = secretsServer;
    }
  });

  it('refuses a loopback target when the script does not allow local targets', async () => {
    const { url, received } = await listen(() => ({ status: 200, body: '{}' }));
    for (const target of [url, url.replace('127.0.0.1', 'localhost')]) {
      const { events } = await run(target, { allowLocalTargets: false, step: { retries: 0 } });
      expect(events.map((e) => e.type)).toEqual(['webhook.failed']);
      expect(JSON.parse(events[0]?.payload ?? '{}').reason).toMatch(/local or private address/);
    }
    expect(received).toHaveLength(0);
  });

  it('retries a failing endpoint from durable timers, logs every attempt, then takes the error branch', async () => {
    const { url, received } = await listen(() => ({ status: 503, body: '{}' }));
    const { out, events } = await run(url);
    expect(received).toHaveLength(3);
    expect(out).toEqual(['Спасибо, скоро вернусь']);
    expect(events.map((e) => e.type)).toEqual(['webhook.retry', 'webhook.retry', 'webhook.failed']);
    expect(events.map((e) => JSON.parse(e.payload) as Record<string, unknown>)).toMatchObject([
      { attempt: 1, of: 3, status: 503, reason: 'HTTP 503' },
      { attempt: 2, of: 3, status: 503, reason: 'HTTP 503' },
      { attempt: 3, of: 3, status: 503, reason: 'HTTP 503' },
    ]);
  });

  it('does not retry what cannot succeed (a 404 is bad config): one attempt, the error branch at once', async () => {
    const { url, received } = await listen(() => ({ status: 404, body: '{}' }));
    const { out, events } = await run(url, { step: { retries: 10 } });
    expect(received).toHaveLength(1);
    expect(out).toEqual(['Спасибо, скоро вернусь']);
    expect(events.map((e) => e.type)).toEqual(['webhook.failed']);
  });
});

describe('"send event to tracker" auto action over real HTTP', () => {
  async function sendOnSale(url: string, firstName = 'Ира', template = '/postback?subid={{tracker.clickid}}&status=sale&payout=50') {
    const result = validateScript({
      formatVersion: 1,
      name: 'S2S',
      allowLocalTargets: true,
      startFlow: 'main',
      flows: [{ id: 'main', name: 'Main', start: 'hi', steps: [{ id: 'hi', type: 'message', messages: [{ text: 'hi' }], waitForReply: true }] }],
      autoActions: [{ id: 'to_tracker', event: 'sale', actions: [{ type: 'send_postback', url: `${url}${template}` }] }],
    });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const world = createSimulationWorld({ script: result.script, ai: createOfflineAi(), start: Date.now(), seed: 1, lead: { first_name: firstName }, tracker: { clickid: 'a b&c' }, http: createOutboundHttp() });
    await world.engine.event(world.leadId, { name: 'sale', amount: 50, source: 'simulation' });
    // Retries are durable jobs: a day of virtual time lets every one fire.
    await world.advanceTo(world.clock.now() + 86_400_000);
    const events = world.db.prepare("SELECT type, payload FROM events WHERE type LIKE 'tracker.s2s%' ORDER BY id").all() as { type: string; payload: string }[];
    world.close();
    return events;
  }

  it('posts the postback with URL-encoded macro values and logs it', async () => {
    const { url, received } = await listen(() => ({ status: 200, body: 'OK' }));
    const events = await sendOnSale(url);
    expect(received.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /postback?subid=a%20b%26c&status=sale&payout=50']);
    expect(events.map((e) => e.type)).toEqual(['tracker.s2s_sent']);
  });

  it("cannot be turned into a deposit by a lead named Eve&status=deposit&payout=999#", async () => {
    const { url, received } = await listen(() => ({ status: 200, body: 'OK' }));
    await sendOnSale(url, 'Eve&status=deposit&payout=999#', '/postback/{{lead.first_name}}?subid={{tracker.clickid}}&name={{lead.first_name}}&status=sale');
    expect(received).toHaveLength(1);
    const target = new URL(received[0]?.url ?? '', url);
    expect(target.pathname).toBe('/postback/Eve%26status%3Ddeposit%26payout%3D999%23');
    expect([...target.searchParams.entries()]).toEqual([['subid', 'a b&c'], ['name', 'Eve&status=deposit&payout=999#'], ['status', 'sale']]);
  });

  it('retries a failing tracker, then logs the failure', async () => {
    const { url, received } = await listen(() => ({ status: 502, body: '' }));
    const events = await sendOnSale(url);
    expect(received).toHaveLength(4);
    expect(events.map((e) => e.type)).toEqual(['tracker.s2s_retry', 'tracker.s2s_retry', 'tracker.s2s_retry', 'tracker.s2s_failed']);
  });
});
