import Fastify from 'fastify';
import type { AddressInfo } from 'node:net';
import { trackerHarness } from '../integration/tracker/harness';
import { percentile, print } from './stats';

interface Load {
  sent: number;
  perSecond: number;
  latencies: number[];
  non200: number;
}

/**
 * The load generator both targets get: `inFlight` loops of fetch over loopback for `seconds`,
 * each request a Keitaro re-deposit with its own transaction id.
 */
async function load(urlFor: (n: number) => string, seconds: number, inFlight: number): Promise<Load> {
  const latencies: number[] = [];
  let sent = 0;
  let non200 = 0;
  const deadline = performance.now() + seconds * 1000;
  const worker = async (): Promise<void> => {
    while (performance.now() < deadline) {
      const n = sent++;
      const t0 = performance.now();
      const response = await fetch(urlFor(n));
      await response.arrayBuffer();
      latencies.push(performance.now() - t0);
      if (response.status !== 200) non200++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: inFlight }, worker));
  latencies.sort((a, b) => a - b);
  return { sent, perSecond: sent / ((performance.now() - started) / 1000), latencies, non200 };
}

/**
 * Sustained postbacks into the real listener (1,000 leads, every request durably stored and applied)
 * and the same load against a bare fastify route that answers 200 doing nothing — the ceiling of HTTP
 * on this machine. The two alternate in one-second rounds, so a neighbour's load on a shared machine
 * weighs on both alike; the listener's backlog of lead turns is drained between rounds (untimed, as
 * at the end).
 */
export async function benchPostbacks(seconds = 10, inFlight = 32): Promise<void> {
  const h = await trackerHarness({ rateLimitPerMinute: 100_000, tokenRateLimitPerMinute: 1_000_000 });
  const leads = 1_000;
  h.db.transaction(() => {
    for (let i = 0; i < leads; i++) h.lead(`p${i}`, { clickid: `C${i}` });
  })();
  const bare = Fastify({ logger: false });
  bare.get('/pb/:token/:preset', async () => 'OK');
  await bare.listen({ host: '127.0.0.1', port: 0 });
  const port = (bare.server.address() as AddressInfo).port;

  const tracker: Load = { sent: 0, perSecond: 0, latencies: [], non200: 0 };
  const baseline: Load = { sent: 0, perSecond: 0, latencies: [], non200: 0 };
  let n = 0;
  let trackerSeconds = 0;
  let baselineSeconds = 0;
  const add = (into: Load, round: Load): number => {
    into.sent += round.sent;
    into.non200 += round.non200;
    into.latencies.push(...round.latencies);
    return round.sent / round.perSecond;
  };
  for (let round = 0; round < seconds; round++) {
    const offset = n;
    const t = await load((i) => `${h.base}${h.path}/keitaro?subid=C${(offset + i) % leads}&status=rebill&payout=10&tid=T${offset + i}`, 1, inFlight);
    n += t.sent;
    trackerSeconds += add(tracker, t);
    await h.tracker.idle();
    const b = await load((i) => `http://127.0.0.1:${port}/pb/token/keitaro?subid=C${i % leads}&status=rebill&payout=10&tid=T${i}`, 1, inFlight);
    baselineSeconds += add(baseline, b);
  }
  await bare.close();
  await h.tracker.idle();
  const persisted = h.db.prepare('SELECT count(*) FROM postbacks').pluck().get() as number;
  const applied = h.db.prepare('SELECT count(*) FROM lead_events').pluck().get() as number;
  await h.close();
  tracker.perSecond = tracker.sent / trackerSeconds;
  baseline.perSecond = baseline.sent / baselineSeconds;
  tracker.latencies.sort((a, b) => a - b);
  baseline.latencies.sort((a, b) => a - b);

  print('postbacks.sent', tracker.sent, 0);
  print('postbacks.per_s', tracker.perSecond, 0);
  print('postbacks.p50_ms', percentile(tracker.latencies, 50), 2);
  print('postbacks.p99_ms', percentile(tracker.latencies, 99), 2);
  print('postbacks.non_200', tracker.non200, 0);
  print('postbacks.persisted', persisted, 0);
  print('postbacks.lost', tracker.sent - persisted, 0);
  print('postbacks.applied', applied, 0);
  print('postbacks.bare_fastify_per_s', baseline.perSecond, 0);
  print('postbacks.bare_fastify_p50_ms', percentile(baseline.latencies, 50), 2);
  print('postbacks.bare_fastify_p99_ms', percentile(baseline.latencies, 99), 2);
  print('postbacks.ratio_vs_bare_fastify', tracker.perSecond / baseline.perSecond, 2);
}
