import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createOutboundHttp } from '../../../src/main/http/outboundHttp';
import { send, trackerHarness, type TrackerHarness } from './harness';

let h: TrackerHarness | undefined;
let server: Server | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

const trackerOf = (h: TrackerHarness, leadId: number) => JSON.parse(h.db.prepare('SELECT tracker FROM leads WHERE id = ?').pluck().get(leadId) as string) as Record<string, string>;
const aiInput = (h: TrackerHarness, leadId: number) => h.db.prepare("SELECT text FROM messages WHERE lead_id = ? AND direction = 'in' ORDER BY id").pluck().all(leadId);

describe('click-id attribution', () => {
  it('reads a campaign token from the first message, stores the click id and subs, and strips it from the text', async () => {
    h = await trackerHarness();
    const campaign = await h.handlers['tracker.campaigns.create']({ name: 'FB | RU | Casino', username: '@sales_anna', greeting: 'Здравствуйте! Мой промокод {token}, расскажите про бонус', subs: { sub1: 'fb', sub2: 'adset7' } });
    expect(campaign.link).toBe(`https://t.me/sales_anna?text=${encodeURIComponent(`Здравствуйте! Мой промокод #${campaign.code}, расскажите про бонус`)}`);
    expect(campaign.trackerTemplate).toContain(`%23${campaign.code}-{clickid}`);

    const { leadId } = await h.receive('p1', `Здравствуйте! Мой промокод #${campaign.code.toLowerCase()}-k3y9Click, расскажите про бонус`);
    expect(trackerOf(h, leadId)).toEqual({ clickid: 'k3y9Click', source: 'campaign', campaign: 'FB | RU | Casino', campaign_id: campaign.code, sub1: 'fb', sub2: 'adset7' });
    expect(aiInput(h, leadId)).toEqual(['Здравствуйте! Мой промокод, расскажите про бонус']);
  });

  it('gives organic leads a generated click id that postbacks can use', async () => {
    h = await trackerHarness();
    const { leadId } = await h.receive('p1', 'привет, #хэштег #nothing');
    const tracker = trackerOf(h, leadId);
    expect(tracker).toMatchObject({ source: 'organic', clickid: expect.stringMatching(/^org_[A-Za-z0-9]+$/) });
    expect(aiInput(h, leadId)).toEqual(['привет, #хэштег #nothing']);
    expect((await send(h, `${h.path}/custom?clickid=${tracker.clickid}&event=registration`)).status).toBe(200);
    expect(h.position(leadId).flow).toBe('reg');
  });

  it('lets the operator set a click id from the lead card, applying postbacks that waited for it', async () => {
    h = await trackerHarness({ organicClickIds: false });
    await send(h, `${h.path}/custom?clickid=HAND1&event=registration`);
    const { leadId } = await h.receive('p1', 'привет');
    expect(trackerOf(h, leadId)).toEqual({});
    const result = await h.handlers['tracker.setLeadTracker']({ leadId, tracker: { clickid: 'HAND1', sub3: 'x' } });
    expect(result).toEqual({ tracker: { clickid: 'HAND1', sub3: 'x', source: 'manual' }, pendingApplied: 1 });
    await h.engine.idle();
    expect(h.position(leadId).flow).toBe('reg');
  });
});

describe('outbound S2S event to a tracker', () => {
  it('posts the filled template to a local tracker, retrying 5xx from durable jobs, and logs every attempt', async () => {
    const hits: string[] = [];
    server = createServer((req, res) => {
      hits.push(req.url ?? '');
      res.writeHead(hits.length < 3 ? 503 : 200).end('OK');
    });
    await new Promise<void>((r) => server?.listen(0, '127.0.0.1', () => r()));
    const target = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    h = await trackerHarness({}, createOutboundHttp());
    const leadId = h.lead('p1', { clickid: 'CLK 1', sub1: 'fb' });

    const result = await h.tracker.sendEvent({
      leadId,
      url: `${target}/postback?subid={{tracker.clickid}}&status={{event.name}}&payout={{event.amount}}&s1={{tracker.sub1}}`,
      event: { name: 'lead', amount: 12.5 },
      retries: 3,
    });
    expect(result).toMatchObject({ ok: false, status: 503, willRetry: true });
    // The retry is a stored job, due later; the test makes it due instead of waiting 30 s.
    for (let retry = 0; retry < 2; retry++) {
      expect(h.db.prepare("SELECT kind FROM jobs WHERE lead_id = ?").pluck().all(leadId)).toEqual(['outbound']);
      h.db.prepare('UPDATE jobs SET due_at = 0').run();
      expect(await h.engine.runDueJobs()).toBe(1);
    }
    expect(h.db.prepare('SELECT count(*) FROM jobs').pluck().get()).toBe(0);
    expect(hits).toEqual(Array(3).fill('/postback?subid=CLK%201&status=lead&payout=12.5&s1=fb'));
    const logged = h.db
      .prepare("SELECT type, json_extract(payload, '$.status') AS status, json_extract(payload, '$.attempt') AS attempt FROM events WHERE lead_id = ? AND type LIKE 'tracker.s2s%' ORDER BY id")
      .all(leadId);
    expect(logged).toEqual([
      { type: 'tracker.s2s_retry', status: 503, attempt: 1 },
      { type: 'tracker.s2s_retry', status: 503, attempt: 2 },
      { type: 'tracker.s2s_sent', status: 200, attempt: 3 },
    ]);
  });

  it('does not send a template that needs a click id the lead does not have', async () => {
    h = await trackerHarness({ organicClickIds: false });
    const leadId = h.lead('p1');
    const result = await h.tracker.sendEvent({ leadId, url: 'http://127.0.0.1:9/postback?subid={{tracker.clickid}}' });
    expect(result).toMatchObject({ ok: false, error: 'The lead has no click id' });
    expect(h.db.prepare("SELECT type FROM events WHERE lead_id = ?").pluck().all(leadId)).toEqual(['tracker.s2s_failed']);
  });
});
