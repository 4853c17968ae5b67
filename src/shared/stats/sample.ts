/**
 * When an A/B comparison has too little data to name a winner. A chance-of-best from one lead is
 * noise that looks like a result; below these floors the UI says "not enough data" and how many more
 * leads each variant still needs instead.
 *
 * The floors follow the usual rule of thumb for a binomial rate: at least 30 trials per arm (so the
 * normal approximation behind the interval is not absurd) and at least 10 successes in total (so
 * the rate itself is measured, not a string of zeros).
 */
export const minTrialsPerVariant = 30;
export const minTotalSuccesses = 10;

export interface SampleVerdict {
  enough: boolean;
  /** More leads each variant still needs, at the pooled rate seen so far; null when no success yet (cannot be estimated). */
  neededPerVariant: number | null;
}

export function sampleVerdict(arms: readonly { successes: number; trials: number }[]): SampleVerdict {
  if (arms.length === 0) return { enough: false, neededPerVariant: null };
  const minTrials = Math.min(...arms.map((a) => a.trials));
  const trials = arms.reduce((n, a) => n + a.trials, 0);
  const successes = arms.reduce((n, a) => n + a.successes, 0);
  if (minTrials >= minTrialsPerVariant && successes >= minTotalSuccesses) return { enough: true, neededPerVariant: 0 };
  if (successes === 0) return { enough: false, neededPerVariant: null };
  const pooled = successes / trials;
  const perVariantForSuccesses = Math.ceil(minTotalSuccesses / pooled / arms.length);
  const target = Math.max(minTrialsPerVariant, perVariantForSuccesses);
  return { enough: false, neededPerVariant: Math.max(1, target - minTrials) };
}
