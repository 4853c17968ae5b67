export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] as number;
}

export function print(name: string, value: number | string, digits = 1): void {
  process.stdout.write(`${name}: ${typeof value === 'number' ? value.toFixed(digits) : value}\n`);
}

export const mb = (bytes: number): number => bytes / 1024 / 1024;
