import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { postbackRows, send, trackerHarness, type TrackerHarness } from './harness';

// The listener once a tunnel puts it on the internet (issue 13, "A listener that is safe…").

let h: TrackerHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function withLead(settings = {}, timeouts?: { requestMs?: number; idleMs?: number }): Promise<{ h: TrackerHarness; leadId: number }> {
  h = await trackerHarness(settings, undefined, { timeouts });
  const { leadId } = await h.receive('p1', 'привет');
  h.db.prepare(`UPDATE leads SET tracker = json_set(tracker, '$.clickid', 'CLK') WHERE id = ?`).run(leadId);
  return { h, leadId };
}

/** One raw HTTP exchange: what the server answers (status line) before it closes or we give up. */
function rawRequest(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(text));
    let data = '';
    socket.on('data', (chunk) => (data += chunk.toString()));
    socket.on('error', reject);
    socket.on('close', () => resolve(data.split('\r\n')[0] ?? ''));
  });
}

describe('strangers are counted, not stored', () => {
  it('stores none of 500 wrong-token requests and keeps a sample of 20', async () => {
    const { h } = await withLead();
    const statuses = await Promise.all(Array.from({ length: 500 }, (_, i) => fetch(`${h.base}/pb/guess${i}/keitaro?subid=CLK&status=sale`).then((r) => r.status)));
    expect(new Set(statuses)).toEqual(new Set([404]));
    expect(h.db.prepare('SELECT count(*) FROM postbacks').pluck().get()).toBe(0);
    const { strangers } = h.tracker.status();
    expect(strangers.count).toBe(500);
    expect(strangers.sample).toHaveLength(20);
    expect(strangers.sample.every((s) => s.reason === 'token' && s.path === '/pb/…/keitaro')).toBe(true);
  });
});

describe('postback log retention', () => {
  it('prunes finished rows older than the setting, keeps waiting ones, and a replay stays a duplicate', async () => {
    const { h, leadId } = await withLead({ logRetentionDays: 30 });
    await send(h, `${h.path}/keitaro?subid=CLK&status=sale&payout=10&tid=T1`);
    await send(h, `${h.path}/keitaro?subid=LATER&status=lead`);
    await send(h, `${h.path}/keitaro?status=sale`);
    expect(postbackRows(h).map((r) => r.outcome)).toEqual(['applied', 'pending', 'rejected']);
    h.db.prepare('UPDATE postbacks SET received_at = received_at - ?').run(31 * 86_400_000);
    expect(await h.tracker.pruneLog()).toBe(2);
    expect(postbackRows(h).map((r) => r.outcome)).toEqual(['pending']);
    // The conversion ledger outlives the log: the tracker resending T1 is still not a second deposit.
    await send(h, `${h.path}/keitaro?subid=CLK&status=sale&payout=10&tid=T1`);
    expect(postbackRows(h).map((r) => r.outcome)).toEqual(['pending', 'duplicate']);
    expect(h.db.prepare('SELECT count(*) FROM lead_events WHERE lead_id = ?').pluck().get(leadId)).toBe(1);
  });

  it('defaults to 90 days', async () => {
    h = await trackerHarness();
    expect((await h.handlers['tracker.settings.get']({})).logRetentionDays).toBe(90);
  });
});

describe('rate limits apply after the token check', () => {
  it('a stranger’s flood does not spend the client’s budget; the budget is per client and per token', async () => {
    const { h } = await withLead({ rateLimitPerMinute: 3, tokenRateLimitPerMinute: 5, frontProxy: 'proxy' });
    for (let i = 0; i < 20; i++) expect((await send(h, `/pb/wrong/custom?clickid=CLK&event=sale&tid=W${i}`)).status).toBe(404);
    const from = (ip: string, tid: string) => send(h, `${h.path}/custom?clickid=CLK&event=sale&tid=${tid}`, { headers: { 'x-forwarded-for': ip } });
    const a = [];
    for (let i = 0; i < 4; i++) a.push((await from('198.51.100.1', `A${i}`)).status);
    expect(a).toEqual([200, 200, 200, 429]);
    // Another client has its own budget, until the token's (5 a minute) runs out.
    expect([(await from('198.51.100.2', 'B0')).status, (await from('198.51.100.2', 'B1')).status, (await from('198.51.100.2', 'B2')).status]).toEqual([200, 200, 429]);
    expect(postbackRows(h).filter((r) => r.outcome === 'rejected').map((r) => r.error)).toEqual([
      expect.stringMatching(/^Rate limit exceeded/),
      expect.stringMatching(/^Rate limit exceeded/),
    ]);
  });
});

describe('forwarding headers are trusted only when the operator says so', () => {
  const allow = { allowedIps: ['203.0.113.5'] };
  it('ignores X-Forwarded-For and CF-Connecting-IP with nothing declared in front', async () => {
    const { h } = await withLead(allow);
    const response = await send(h, `${h.path}/custom?clickid=CLK&event=sale`, { headers: { 'x-forwarded-for': '203.0.113.5', 'cf-connecting-ip': '203.0.113.5' } });
    expect(response.status).toBe(403);
    expect(h.tracker.status().strangers.sample[0]).toMatchObject({ ip: '127.0.0.1', reason: 'allowlist' });
  });

  it('reads the last X-Forwarded-For entry behind a declared proxy', async () => {
    const { h } = await withLead({ ...allow, frontProxy: 'proxy' });
    // The first entry is the client's own claim; the last is what the proxy saw.
    expect((await send(h, `${h.path}/custom?clickid=CLK&event=sale&tid=1`, { headers: { 'x-forwarded-for': '203.0.113.5, 198.51.100.9' } })).status).toBe(403);
    expect((await send(h, `${h.path}/custom?clickid=CLK&event=sale&tid=2`, { headers: { 'x-forwarded-for': '198.51.100.9, 203.0.113.5' } })).status).toBe(200);
    expect(h.db.prepare('SELECT remote_ip FROM postbacks').pluck().all()).toEqual(['203.0.113.5']);
  });

  it('reads CF-Connecting-IP (not X-Forwarded-For) behind cloudflared', async () => {
    const { h } = await withLead({ ...allow, frontProxy: 'cloudflared' });
    expect((await send(h, `${h.path}/custom?clickid=CLK&event=sale&tid=1`, { headers: { 'x-forwarded-for': '203.0.113.5' } })).status).toBe(403);
    expect((await send(h, `${h.path}/custom?clickid=CLK&event=sale&tid=2`, { headers: { 'cf-connecting-ip': '203.0.113.5' } })).status).toBe(200);
  });
});

describe('hostile bodies and methods', () => {
  it('answers deep JSON and too many keys with 400, never 500', async () => {
    const { h } = await withLead();
    const post = (body: string) => send(h, `${h.path}/custom`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(await post(`${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`)).toEqual({ status: 400, body: 'JSON nested deeper than 5 levels' });
    expect(await post(`${'['.repeat(60_000)}`)).toEqual({ status: 400, body: 'JSON nested deeper than 5 levels' });
    const many = JSON.stringify(Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`k${i}`, i])));
    expect(await post(many)).toEqual({ status: 400, body: 'JSON with more than 200 keys' });
    expect(await post('[{"clickid":"CLK","event":"sale"}]')).toEqual({ status: 400, body: 'JSON body must be an object' });
    expect(postbackRows(h).map((r) => r.outcome)).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
  });

  it('answers and logs every method, TRACE and friends included', async () => {
    const { h } = await withLead();
    const port = Number(new URL(h.base).port);
    const methods = ['TRACE', 'PROPFIND', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'M-SEARCH', 'QUERY', 'CONNECT'];
    for (const method of methods) {
      const line = await rawRequest(port, `${method} ${h.path}/custom?clickid=CLK&event=sale HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
      expect([method, line]).toEqual([method, 'HTTP/1.1 405 Method Not Allowed']);
    }
    await h.tracker.idle();
    expect(postbackRows(h).map((r) => r.error)).toEqual(methods.map((m) => `Method ${m} not allowed${m === 'CONNECT' ? '' : ': use GET or POST'}`));
    // Not HTTP any more: answered 400 and counted.
    expect(await rawRequest(port, `FOO ${h.path} HTTP/1.1\r\nHost: x\r\n\r\n`)).toBe('HTTP/1.1 400 Bad Request');
    expect(h.tracker.status().strangers.sample[0]).toMatchObject({ reason: 'malformed' });
    expect(h.db.prepare('SELECT count(*) FROM lead_events').pluck().get()).toBe(0);
  });

  it('cuts off a client that never finishes its request', async () => {
    const { h } = await withLead({}, { requestMs: 300, idleMs: 600 });
    const port = Number(new URL(h.base).port);
    // Headers trickle and never end: the server answers 408 and closes rather than wait forever.
    const line = await rawRequest(port, `GET ${h.path}/custom?clickid=CLK&event=sale HTTP/1.1\r\nHost: x\r\n`);
    expect(line).toBe('HTTP/1.1 408 Request Timeout');
    const body = await rawRequest(port, `POST ${h.path}/custom HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"clickid":`);
    expect(body).toMatch(/^HTTP\/1\.1 408/);
  });
});

describe('an accepted postback is durable before the 200', () => {
  it('commits the request’s write with synchronous = FULL, and the row exists when the 200 arrives', async () => {
    const { h } = await withLead();
    const levels: number[] = [];
    await h.writes.run(() => levels.push(h.db.pragma('synchronous', { simple: true }) as number), { durable: true });
    await h.writes.run(() => levels.push(h.db.pragma('synchronous', { simple: true }) as number));
    expect(levels).toEqual([2, 1]); // FULL for the durable write, NORMAL otherwise
    const response = await fetch(`${h.base}${h.path}/custom?clickid=CLK&event=sale&tid=D1`);
    expect(response.status).toBe(200);
    expect(h.db.prepare("SELECT count(*) FROM postbacks WHERE transaction_id = 'D1'").pluck().get()).toBe(1);
  });
});
