import { describe, expect, it } from 'vitest';
import { createIpAllowlist } from '../../../src/main/tracker/ipAllowlist';
import { RateLimiter } from '../../../src/main/tracker/rateLimiter';

describe('RateLimiter', () => {
  it('allows a burst of perMinute per key, then refills over time', () => {
    let now = 0;
    const limiter = new RateLimiter(3, () => now);
    expect([1, 2, 3, 4].map(() => limiter.take('a'))).toEqual([true, true, true, false]);
    expect(limiter.take('b')).toBe(true);
    now += 20_000; // one token back at 3 per minute
    expect([limiter.take('a'), limiter.take('a')]).toEqual([true, false]);
  });

  it('stays bounded under many distinct keys', () => {
    const limiter = new RateLimiter(10, () => 0, 100);
    for (let i = 0; i < 1000; i++) limiter.take(`ip${i}`);
    expect((limiter as unknown as { buckets: Map<string, unknown> }).buckets.size).toBeLessThanOrEqual(100);
  });
});

describe('createIpAllowlist', () => {
  it('matches addresses and CIDR ranges, including IPv4-mapped IPv6', () => {
    const list = createIpAllowlist(['203.0.113.0/24', '2001:db8::1']);
    expect(list.allows('203.0.113.9')).toBe(true);
    expect(list.allows('::ffff:203.0.113.9')).toBe(true);
    expect(list.allows('2001:db8::1')).toBe(true);
    expect(list.allows('198.51.100.1')).toBe(false);
    expect(list.allows(undefined)).toBe(false);
  });

  it('allows everyone when empty and no one when every entry is a typo', () => {
    expect(createIpAllowlist([]).allows('1.2.3.4')).toBe(true);
    const typos = createIpAllowlist(['1.2.3', '10.0.0.0/99']);
    expect(typos.invalid).toEqual(['1.2.3', '10.0.0.0/99']);
    expect(typos.allows('1.2.3.4')).toBe(false);
  });
});
