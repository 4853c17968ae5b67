import { describe, expect, it } from 'vitest';
import { LeadSnapshotCache } from '../../../src/main/db/leadSnapshotCache';
import type { LeadSnapshot } from '../../../src/main/engine/types';

const lead = (id: number, stateVersion = 2): LeadSnapshot => ({
  id,
  accountId: 1,
  scriptId: 1,
  status: 'waiting',
  statusReason: null,
  position: { flowId: 'main', stepId: 'a' },
  stepState: {},
  memo: {},
  profile: { firstName: null, lastName: null, username: null },
  tags: [],
  fields: {},
  tracker: {},
  variants: {},
  leadEvents: {},
  createdAt: 1000 + id,
  stateVersion,
  hasJobs: false,
});
const stored = (id: number, stateVersion = 2, externalVersion = 0) => ({ stateVersion, externalVersion, createdAt: 1000 + id });

describe('LeadSnapshotCache', () => {
  it('gives a snapshot back only while the row still has the versions it was kept with', () => {
    const cache = new LeadSnapshotCache();
    cache.set(1, { lead: lead(1), externalVersion: 0 }, 0);
    expect(cache.get(1, stored(1), 0)?.lead.id).toBe(1);
    expect(cache.get(1, stored(1, 3), 0)).toBeUndefined(); // a turn committed elsewhere
    expect(cache.has(1)).toBe(false); // and the stale entry is gone
    cache.set(1, { lead: lead(1), externalVersion: 0 }, 0);
    expect(cache.get(1, stored(1, 2, 1), 0)).toBeUndefined(); // written outside a turn
    cache.set(1, { lead: lead(1), externalVersion: 0 }, 0);
    expect(cache.get(1, { ...stored(1), createdAt: 5 }, 0)).toBeUndefined(); // another lead under a reused id
    cache.set(1, { lead: lead(1), externalVersion: 0 }, 0);
    expect(cache.get(1, undefined, 0)).toBeUndefined(); // deleted
  });

  it('keeps at most `capacity` leads, the least recently used going first, and drops those idle too long', () => {
    const cache = new LeadSnapshotCache(2, 60_000);
    cache.set(1, { lead: lead(1), externalVersion: 0 }, 0);
    cache.set(2, { lead: lead(2), externalVersion: 0 }, 0);
    expect(cache.get(1, stored(1), 10)).toBeDefined(); // 1 is now the most recently used
    cache.set(3, { lead: lead(3), externalVersion: 0 }, 20);
    expect([cache.has(1), cache.has(2), cache.has(3)]).toEqual([true, false, true]);
    cache.set(4, { lead: lead(4), externalVersion: 0 }, 70_000); // 1 (used at 10) and 3 (at 20) have been idle over a minute
    expect([cache.has(1), cache.has(3), cache.has(4), cache.size]).toEqual([false, false, true, 1]);
  });
});
