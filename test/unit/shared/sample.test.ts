import { describe, expect, it } from 'vitest';
import { minTotalSuccesses, minTrialsPerVariant, sampleVerdict } from '../../../src/shared/stats/sample';

describe('sampleVerdict: when an A/B comparison may name a winner', () => {
  it('one lead is not enough, and the missing sample is said', () => {
    expect(sampleVerdict([{ successes: 1, trials: 1 }, { successes: 0, trials: 0 }])).toEqual({ enough: false, neededPerVariant: minTrialsPerVariant });
  });
  it('no success anywhere: not enough, and the needed sample cannot be estimated', () => {
    expect(sampleVerdict([{ successes: 0, trials: 500 }, { successes: 0, trials: 500 }])).toEqual({ enough: false, neededPerVariant: null });
  });
  it('enough trials but too few successes: more leads per variant at the pooled rate', () => {
    // pooled 4/200 = 2%: 10 successes need 500 trials, 250 per variant; each has 100.
    expect(sampleVerdict([{ successes: 3, trials: 100 }, { successes: 1, trials: 100 }])).toEqual({ enough: false, neededPerVariant: 150 });
  });
  it('at the floors the verdict is "enough"', () => {
    expect(sampleVerdict([{ successes: minTotalSuccesses, trials: minTrialsPerVariant }, { successes: 0, trials: minTrialsPerVariant }])).toEqual({ enough: true, neededPerVariant: 0 });
  });
});
