import { describe, expect, it } from 'vitest';
import { probabilityBest, wilson } from '../../../src/shared/stats/intervals';
import { seededRandom } from '../../../src/main/simulate/virtualClock';

describe('conversion statistics', () => {
  it('gives the textbook Wilson interval', () => {
    const w = wilson(10, 100);
    expect(w.value).toBe(0.1);
    expect(w.low).toBeCloseTo(0.0552, 3);
    expect(w.high).toBeCloseTo(0.1744, 3);
    expect(wilson(0, 0)).toEqual({ value: 0, low: 0, high: 0 });
  });

  it('estimates the probability each variant is best', () => {
    const random = seededRandom(3);
    const [a, b] = probabilityBest([{ successes: 30, trials: 100 }, { successes: 10, trials: 100 }], () => random.next());
    expect(a).toBeGreaterThan(0.99);
    expect((a ?? 0) + (b ?? 0)).toBeCloseTo(1, 10);
    const even = probabilityBest([{ successes: 5, trials: 50 }, { successes: 5, trials: 50 }], () => random.next());
    expect(even[0]).toBeGreaterThan(0.45);
    expect(even[0]).toBeLessThan(0.55);
  });
});
