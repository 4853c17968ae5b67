import { describe, expect, it } from 'vitest';
import { mulberry } from '../../support/screenshots/renderScreenshot';
import { trackerHarness } from './harness';

// ≥ 10,000 malformed or hostile requests against the real listener: it never crashes, changes no
// lead, and answers each kind as specified.

type Case = { kind: string; expect: number[]; method: string; path: string; body?: string; contentType?: string };

const injections = ["' OR 1=1 --", '"; DROP TABLE leads; --', '<script>alert(1)</script>', '${jndi:ldap://x/a}', '../../etc/passwd', '%00', '\u0000', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢', '{{7*7}}', '$(rm -rf /)'];
const macros = ['{subid}', '{clickid}', '[subid]', '%subid%', '{{clickid}}', '{clickId}', '%7Bsubid%7D'];

function makeCase(random: () => number, token: string): Case {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const junk = (n: number) => Array.from({ length: n }, () => String.fromCharCode(33 + Math.floor(random() * 90))).join('');
  const enc = encodeURIComponent;
  switch (Math.floor(random() * 9)) {
    case 0:
      // 400 only when the junk makes the URL itself malformed (bad %-encoding).
      return { kind: 'bad token', expect: [400, 404], method: 'GET', path: `/pb/${pick([junk(8), '', junk(64), token.slice(0, -1), `${token}x`, '..', enc(pick(injections))])}/keitaro?subid=A&status=sale` };
    case 1:
      return { kind: 'unfilled macro', expect: [400], method: 'GET', path: `/pb/${token}/keitaro?subid=${enc(pick(macros))}&status=sale&tid=${junk(4)}` };
    case 2:
      return { kind: 'missing click id', expect: [400], method: 'GET', path: `/pb/${token}/keitaro?status=sale&payout=${junk(3)}` };
    case 3:
      return { kind: 'unknown status', expect: [422], method: 'GET', path: `/pb/${token}/keitaro?subid=X${Math.floor(random() * 1e9)}&status=zz${Math.floor(random() * 1e6)}` };
    case 4:
      return { kind: 'wrong method', expect: [404, 405], method: pick(['PUT', 'DELETE', 'PATCH']), path: `/pb/${token}/keitaro?subid=A&status=sale` };
    case 5:
      return { kind: 'broken JSON', expect: [400], method: 'POST', path: `/pb/${token}/custom`, body: pick(['{', '{"clickid":', '[1,2', '{"a":1}}', junk(50)]), contentType: 'application/json' };
    case 6:
      return { kind: 'huge body', expect: [413], method: 'POST', path: `/pb/${token}/custom`, body: JSON.stringify({ clickid: 'A', event: 'sale', pad: 'x'.repeat(300_000) }), contentType: 'application/json' };
    case 7:
      // Injection in the click id trips the macro/validity check (400), else the status is unknown (422).
      return { kind: 'injection as status', expect: [400, 422], method: 'GET', path: `/pb/${token}/keitaro?subid=${enc(pick(injections))}&status=${enc(pick(injections))}` };
    default:
      return { kind: 'unknown preset', expect: [404], method: 'GET', path: `/pb/${token}/${enc(pick(injections))}?subid=A&status=sale` };
  }
}

describe('postback listener fuzz', () => {
  it('answers 10,000 hostile requests as specified and changes nothing', { timeout: 300_000 }, async () => {
    const h = await trackerHarness({ rateLimitPerMinute: 100_000, maxBodyKb: 64 });
    const leadId = h.lead('victim', { clickid: 'A' });
    const before = JSON.stringify(h.db.prepare('SELECT status, flow_id, step_id, fields, tracker FROM leads').all());
    const token = h.path.split('/').pop() ?? '';
    const random = mulberry(42);
    const cases = Array.from({ length: 10_000 }, () => makeCase(random, token));
    const wrong: string[] = [];
    let next = 0;
    const worker = async () => {
      while (next < cases.length) {
        const c = cases[next++] as Case;
        let status: number;
        try {
          const response = await fetch(`${h.base}${c.path}`, { method: c.method, body: c.body, headers: c.contentType ? { 'content-type': c.contentType } : {} });
          status = response.status;
          await response.arrayBuffer();
        } catch (error) {
          status = -1;
          wrong.push(`${c.kind} ${c.method} ${c.path.slice(0, 80)}: ${(error as Error).message}`);
        }
        if (!c.expect.includes(status)) wrong.push(`${c.kind}: ${status} for ${c.method} ${c.path.slice(0, 80)}`);
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    await h.tracker.idle();
    expect(wrong.slice(0, 20)).toEqual([]);
    expect(JSON.stringify(h.db.prepare('SELECT status, flow_id, step_id, fields, tracker FROM leads').all())).toBe(before);
    expect(h.db.prepare('SELECT count(*) FROM lead_events').pluck().get()).toBe(0);
    // Still serving: a good postback after all that applies.
    expect((await fetch(`${h.base}${h.path}/keitaro?subid=A&status=lead&tid=ok`)).status).toBe(200);
    await h.tracker.idle();
    expect(h.position(leadId).flow).toBe('reg');
    expect(h.db.prepare('SELECT count(*) FROM leads').pluck().get()).toBe(1);
    expect(h.db.prepare("SELECT count(*) FROM postbacks WHERE outcome IN ('pending', 'applied')").pluck().get()).toBe(1);
    await h.close();
  });
});

describe('postback replays', () => {
  it('applies the same postback once when it is replayed 100 times', async () => {
    const h = await trackerHarness({ rateLimitPerMinute: 100_000 });
    const leadId = h.lead('p', { clickid: 'R1' });
    const statuses = await Promise.all(Array.from({ length: 100 }, () => fetch(`${h.base}${h.path}/keitaro?subid=R1&status=sale&payout=50&tid=T-1`).then((r) => r.status)));
    await h.tracker.idle();
    expect(new Set(statuses)).toEqual(new Set([200]));
    expect(h.db.prepare('SELECT count(*) FROM lead_events WHERE lead_id = ?').pluck().get(leadId)).toBe(1);
    expect(h.db.prepare("SELECT outcome, count(*) AS n FROM postbacks GROUP BY outcome ORDER BY outcome").all()).toEqual([
      { outcome: 'applied', n: 1 },
      { outcome: 'duplicate', n: 99 },
    ]);
    await h.close();
  });
});
