import { trackerHarness } from '../integration/tracker/harness';
import { percentile, print } from './stats';

/**
 * Sustained postbacks over loopback for 10 s into the real listener (re-deposits with distinct
 * transaction ids for 1,000 leads), then a check that every request was persisted and applied.
 */
export async function benchPostbacks(seconds = 10, inFlight = 32): Promise<void> {
  const h = await trackerHarness({ rateLimitPerMinute: 100_000 });
  const leads = 1_000;
  h.db.transaction(() => {
    for (let i = 0; i < leads; i++) h.lead(`p${i}`, { clickid: `C${i}` });
  })();
  const latencies: number[] = [];
  let sent = 0;
  let failed = 0;
  const deadline = performance.now() + seconds * 1000;
  const worker = async (): Promise<void> => {
    while (performance.now() < deadline) {
      const n = sent++;
      const t0 = performance.now();
      const response = await fetch(`${h.base}${h.path}/keitaro?subid=C${n % leads}&status=rebill&payout=10&tid=T${n}`);
      await response.arrayBuffer();
      latencies.push(performance.now() - t0);
      if (response.status !== 200) failed++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: inFlight }, worker));
  const elapsed = (performance.now() - started) / 1000;
  await h.tracker.idle();
  const persisted = h.db.prepare('SELECT count(*) FROM postbacks').pluck().get() as number;
  const applied = h.db.prepare('SELECT count(*) FROM lead_events').pluck().get() as number;
  await h.close();
  latencies.sort((a, b) => a - b);
  print('postbacks.sent', sent, 0);
  print('postbacks.per_s', sent / elapsed, 0);
  print('postbacks.p50_ms', percentile(latencies, 50), 2);
  print('postbacks.p99_ms', percentile(latencies, 99), 2);
  print('postbacks.non_200', failed, 0);
  print('postbacks.persisted', persisted, 0);
  print('postbacks.lost', sent - persisted, 0);
  print('postbacks.applied', applied, 0);
}
