/**
 * Per-IP token bucket. @fastify/rate-limit is not among the installed packages, and the need is
 * small: a burst of `perMinute` requests, refilled continuously, memory bounded by pruning full
 * buckets. Rejections are cheap (no body read, no database write beyond one log row a minute).
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private perMinute: number,
    private readonly now: () => number,
    private readonly maxKeys = 10_000,
  ) {}

  setLimit(perMinute: number): void {
    this.perMinute = perMinute;
  }

  /** Takes one token for `key`; false when its bucket is empty. */
  take(key: string): boolean {
    const now = this.now();
    const rate = this.perMinute / 60_000;
    const bucket = this.buckets.get(key) ?? { tokens: this.perMinute, at: now };
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + (now - bucket.at) * rate);
    bucket.at = now;
    const allowed = bucket.tokens >= 1;
    if (allowed) bucket.tokens -= 1;
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.maxKeys) this.prune(now, rate);
    return allowed;
  }

  private prune(now: number, rate: number): void {
    for (const [key, b] of this.buckets) {
      if (b.tokens + (now - b.at) * rate >= this.perMinute) this.buckets.delete(key);
    }
    // Still too many distinct IPs refilling at once: forget the oldest rather than grow without bound.
    for (const key of this.buckets.keys()) {
      if (this.buckets.size <= this.maxKeys) break;
      this.buckets.delete(key);
    }
  }
}
