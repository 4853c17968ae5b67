import { sampleBeta } from './beta';

/** 95% Wilson score interval for `successes` out of `trials` (sensible at small n, unlike ±1.96·SE). */
export function wilson(successes: number, trials: number, z = 1.96): { value: number; low: number; high: number } {
  if (trials === 0) return { value: 0, low: 0, high: 0 };
  const p = successes / trials;
  const denom = 1 + (z * z) / trials;
  const centre = (p + (z * z) / (2 * trials)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / trials + (z * z) / (4 * trials * trials))) / denom;
  return { value: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/**
 * Probability that each arm has the highest true rate, under independent Beta(1 + s, 1 + n − s)
 * posteriors (Beta-Binomial with a uniform prior), estimated by Monte Carlo with `draws` samples.
 */
export function probabilityBest(arms: { successes: number; trials: number }[], uniform: () => number, draws = 4_000): number[] {
  const wins = arms.map(() => 0);
  if (!arms.length) return [];
  // No successes anywhere: the posteriors differ only by sample size; sampling adds nothing useful.
  if (arms.every((a) => a.successes === 0 && a.trials === arms[0]?.trials)) return arms.map(() => 1 / arms.length);
  for (let d = 0; d < draws; d++) {
    let best = 0;
    let bestValue = -1;
    arms.forEach((arm, i) => {
      const value = sampleBeta(1 + arm.successes, 1 + arm.trials - arm.successes, uniform);
      if (value > bestValue) {
        bestValue = value;
        best = i;
      }
    });
    wins[best] = (wins[best] ?? 0) + 1;
  }
  return wins.map((w) => w / draws);
}
