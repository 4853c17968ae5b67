import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { VirtualClock } from '../../../src/main/simulate/virtualClock';
import type { ScriptInput } from '../../../src/shared/script';
import { addAccount, leadWrites, testApp } from '../../support/appFixture';

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A CRM and a tracker on one local server (port 0): each path fails its first request with 503, then answers 200. */
async function flakyTarget(): Promise<{ url: string; hits: string[]; keys: Record<string, (string | undefined)[]> }> {
  const hits: string[] = [];
  const keys: Record<string, (string | undefined)[]> = {};
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    hits.push(path);
    (keys[path] ??= []).push(req.headers['idempotency-key'] as string | undefined);
    const first = hits.filter((h) => h === path).length === 1;
    res.writeHead(first ? 503 : 200, { 'content-type': 'application/json' }).end(first ? '{}' : '{"data":{"id":"CRM-9"}}');
  });
  await new Promise<void>((r) => server?.listen(0, '127.0.0.1', () => r()));
  return { url: `http://127.0.0.1:${(server?.address() as AddressInfo).port}`, hits, keys };
}

function script(url: string): ScriptInput {
  return {
    formatVersion: 1,
    name: 'Durable retries',
    // The test server listens on 127.0.0.1, which a script may call only when it says so.
    allowLocalTargets: true,
    fields: [{ key: 'crm_id' }],
    startFlow: 'main',
    flows: [
      {
        id: 'main',
        name: 'Main',
        start: 'crm',
        steps: [
          { id: 'crm', type: 'webhook', url: `${url}/crm?name={{lead.first_name}}`, retries: 3, saveResponse: [{ field: 'crm_id', path: 'data.id' }], next: 'ok', onError: 'failed' },
          { id: 'ok', type: 'message', messages: [{ text: 'Номер {{fields.crm_id}}' }], waitForReply: true },
          { id: 'failed', type: 'message', messages: [{ text: 'CRM failed' }], waitForReply: true },
        ],
      },
    ],
    autoActions: [{ id: 'to_tracker', event: 'sale', actions: [{ type: 'send_postback', url: `${url}/postback?subid={{lead.first_name}}&status=sale` }] }],
  };
}

function outboundLog(app: ReturnType<typeof testApp>, leadId: number) {
  return (
    app.db
      .prepare(
        `SELECT type, json_extract(payload, '$.attempt') AS attempt, json_extract(payload, '$.status') AS status, json_extract(payload, '$.durationMs') AS durationMs
         FROM events WHERE lead_id = ? AND (type LIKE 'webhook.%' OR type LIKE 'tracker.s2s%') ORDER BY id`,
      )
      .all(leadId) as { type: string; attempt: number; status: number; durationMs: number }[]
  ).map((e) => ({ ...e, timed: typeof e.durationMs === 'number' && e.durationMs >= 0 }));
}

// The whole app is started again (createApp, its scheduler at start-up): the retries must come
// from the stored jobs, not from anything the first instance kept in memory.
describe('outbound retries survive a restart', () => {
  it('a webhook step and a tracker event that failed once are retried once after the restart, succeed, and every attempt is logged', async () => {
    const { url, hits, keys } = await flakyTarget();
    const clock = new VirtualClock(Date.parse('2026-03-02T09:00:00Z'));
    const first = testApp(undefined, { now: () => clock.now() });
    const imported = await first.call('scripts.import', { json: JSON.stringify(script(url)) });
    if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
    const accountId = addAccount(first, imported.id);
    const leadId = await leadWrites(first, accountId, imported.id, 'a', 'привет', clock.now());
    await first.engine.event(leadId, { name: 'sale', amount: 50, source: 'operator' });
    await first.engine.idle();

    expect(hits).toEqual(['/crm', '/postback']);
    expect(first.db.prepare('SELECT status FROM leads WHERE id = ?').pluck().get(leadId)).toBe('paused');
    expect(first.db.prepare('SELECT kind FROM jobs WHERE lead_id = ? ORDER BY kind').pluck().all(leadId)).toEqual(['outbound', 'wake']);
    expect(outboundLog(first, leadId)).toMatchObject([
      { type: 'webhook.retry', attempt: 1, status: 503, timed: true },
      { type: 'tracker.s2s_retry', attempt: 1, status: 503, timed: true },
    ]);
    await first.close(); // both retries are pending, due in 30 s

    clock.set(clock.now() + 60_000);
    const second = testApp(first.info.dataDir, { now: () => clock.now() });
    try {
      await vi.waitFor(() => expect(second.db.prepare('SELECT count(*) FROM jobs').pluck().get()).toBe(0), { timeout: 120_000, interval: 20 });
      await second.engine.idle();
      expect([...hits].sort()).toEqual(['/crm', '/crm', '/postback', '/postback']);
      const log = outboundLog(second, leadId);
      expect(log.slice(0, 2)).toMatchObject([
        { type: 'webhook.retry', attempt: 1, status: 503 },
        { type: 'tracker.s2s_retry', attempt: 1, status: 503 },
      ]);
      // The two retries run in the same scheduler pass; either may be logged first.
      const after = log.slice(2);
      expect(after.map((e) => e.type).sort()).toEqual(['tracker.s2s_sent', 'webhook.sent']);
      expect(after.every((e) => e.attempt === 2 && e.status === 200 && e.timed)).toBe(true);
      const texts = second.db.prepare("SELECT text FROM messages WHERE lead_id = ? AND direction = 'out'").pluck().all(leadId);
      expect(texts).toEqual(['Номер CRM-9']);
      // The webhook (a POST) carried one idempotency key on both attempts, across the restart; the
      // tracker's GET postback is sent exactly as configured, with no key.
      expect(keys['/crm']).toHaveLength(2);
      expect(keys['/crm']?.[0]).toMatch(/^voronka-\d+-/);
      expect(keys['/crm']?.[1]).toBe(keys['/crm']?.[0]);
      expect(keys['/postback']).toEqual([undefined, undefined]);
    } finally {
      await second.close();
    }
    // Nothing runs a third time once both succeeded.
    expect(hits).toHaveLength(4);
  });
});
