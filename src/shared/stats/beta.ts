/** Draws from Beta(alpha, beta) with the given uniform source (Marsaglia–Tsang gamma ratio). */
export function sampleBeta(alpha: number, beta: number, uniform: () => number): number {
  const x = sampleGamma(alpha, uniform);
  const y = sampleGamma(beta, uniform);
  return x / (x + y);
}

function sampleGamma(shape: number, uniform: () => number): number {
  if (shape < 1) return sampleGamma(shape + 1, uniform) * Math.pow(uniform() || Number.MIN_VALUE, 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = sampleNormal(uniform);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = uniform();
    if (u < 1 - 0.0331 * x ** 4) return d * v;
    if (Math.log(u || Number.MIN_VALUE) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

function sampleNormal(uniform: () => number): number {
  const u = uniform() || Number.MIN_VALUE;
  const v = uniform();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
