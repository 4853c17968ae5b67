import type { StrangerSample, TrackerStatus } from '../../shared/rpc/tracker';

const sampleSize = 20;

/**
 * Requests refused before they proved the token (wrong token, unknown path, outside the allowlist,
 * unparsable HTTP): counted in memory with a small sample for the Tracker page, never stored one by
 * one — once a tunnel exposes the listener, scanners would otherwise fill the database.
 */
export class StrangerLog {
  private count = 0;
  private since: number | null = null;
  private readonly sample: StrangerSample[] = [];

  constructor(private readonly now: () => number) {}

  add(entry: Omit<StrangerSample, 'at'>): void {
    const at = this.now();
    this.count++;
    this.since ??= at;
    this.sample.unshift({ ...entry, at, method: entry.method.slice(0, 16), path: entry.path.slice(0, 100) });
    if (this.sample.length > sampleSize) this.sample.pop();
  }

  snapshot(): TrackerStatus['strangers'] {
    return { count: this.count, since: this.since, sample: [...this.sample] };
  }
}
