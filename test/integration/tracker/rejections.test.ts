import { afterEach, describe, expect, it } from 'vitest';
import { postbackRows, send, trackerHarness, type TrackerHarness } from './harness';

let h: TrackerHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function withLead(settings = {}) {
  h = await trackerHarness(settings);
  const { leadId } = await h.receive('p1', 'привет');
  h.db.prepare(`UPDATE leads SET tracker = json_set(tracker, '$.clickid', 'CLK') WHERE id = ?`).run(leadId);
  return { h, leadId };
}

/** Nothing moved: no lead event, no engine event from a postback. */
function untouched(h: TrackerHarness) {
  expect(h.db.prepare('SELECT count(*) FROM lead_events').pluck().get()).toBe(0);
}

describe('postback rejections', () => {
  it('answers an unknown token or path with a bare 404: counted with a sample, never stored one by one', async () => {
    const { h } = await withLead();
    const response = await send(h, '/pb/not-the-token/custom?clickid=CLK&event=sale');
    expect(response).toEqual({ status: 404, body: 'Not found' });
    expect((await send(h, '/elsewhere')).status).toBe(404);
    expect(postbackRows(h)).toEqual([]);
    const { strangers } = h.tracker.status();
    expect(strangers.count).toBe(2);
    expect(strangers.sample.map((s) => [s.method, s.path, s.reason])).toEqual([
      ['GET', '/elsewhere', 'path'],
      ['GET', '/pb/…/custom', 'token'],
    ]);
    expect(JSON.stringify(strangers)).not.toContain('not-the-token');
    untouched(h);
  });

  it('rejects a missing click id', async () => {
    const { h } = await withLead();
    const response = await send(h, `${h.path}/keitaro?status=sale`);
    expect(response.status).toBe(400);
    expect(postbackRows(h)).toMatchObject([{ outcome: 'rejected', error: 'Missing click id (subid)' }]);
    untouched(h);
  });

  for (const macro of ['{subid}', '{clickid}', '[subid]', '%subid%', '{{clickid}}', 'REPLACE']) {
    it(`rejects the unfilled macro ${macro}`, async () => {
      const { h } = await withLead();
      const response = await send(h, `${h.path}/custom?clickid=${encodeURIComponent(macro)}&event=sale`);
      expect(response.status).toBe(400);
      expect(response.body).toContain('Unfilled macro in clickid');
      expect(postbackRows(h)).toMatchObject([{ outcome: 'rejected' }]);
      untouched(h);
    });
  }

  it('rejects an unknown status unless it is mapped', async () => {
    const { h } = await withLead();
    expect((await send(h, `${h.path}/custom?clickid=CLK&event=mystery`)).status).toBe(422);
    expect(postbackRows(h)[0]?.error).toMatch(/Unknown status "mystery"/);
    untouched(h);
    await h.handlers['tracker.settings.set']({ presets: { custom: { statusMap: { mystery: 'sale' } } } });
    expect((await send(h, `${h.path}/custom?clickid=CLK&event=mystery`)).status).toBe(200);
    expect(h.db.prepare('SELECT name FROM lead_events').pluck().all()).toEqual(['sale']);
  });

  it('rejects an oversized body with 413 and logs it', async () => {
    const { h } = await withLead({ maxBodyKb: 1 });
    const response = await send(h, `${h.path}/custom`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ clickid: 'CLK', event: 'sale', padding: 'x'.repeat(5000) }),
    });
    expect(response.status).toBe(413);
    expect(postbackRows(h)).toMatchObject([{ outcome: 'rejected', error: 'Body larger than 1 KB' }]);
    untouched(h);
  });

  it('rejects broken JSON and wrong methods, each logged', async () => {
    const { h } = await withLead();
    expect((await send(h, `${h.path}/custom`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"clickid":' })).status).toBe(400);
    expect((await send(h, `${h.path}/custom?clickid=CLK&event=sale`, { method: 'DELETE' })).status).toBe(405);
    expect(postbackRows(h).map((r) => r.outcome)).toEqual(['rejected', 'rejected']);
    untouched(h);
  });

  it('refuses IPs outside the allowlist', async () => {
    const { h } = await withLead();
    // Set live (not pinned), as the Tracker page does: the next request sees it.
    await h.handlers['tracker.settings.set']({ allowedIps: ['203.0.113.0/24'] });
    expect((await send(h, `${h.path}/custom?clickid=CLK&event=sale`)).status).toBe(403);
    expect(postbackRows(h)).toEqual([]);
    expect(h.tracker.status().strangers.sample[0]).toMatchObject({ reason: 'allowlist', ip: '127.0.0.1' });
    untouched(h);
    await h.handlers['tracker.settings.set']({ allowedIps: ['127.0.0.1', '::1'] });
    expect((await send(h, `${h.path}/custom?clickid=CLK&event=sale`)).status).toBe(200);
  });

  it('rate-limits per IP, logging the first refusal only', async () => {
    const { h } = await withLead({ rateLimitPerMinute: 3 });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await send(h, `${h.path}/custom?clickid=CLK&event=sale&tid=T${i}`)).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429, 429]);
    expect(postbackRows(h).map((r) => r.outcome)).toEqual(['applied', 'applied', 'applied', 'rejected']);
  });
});
