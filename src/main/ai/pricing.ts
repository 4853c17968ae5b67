import type { AiProvider } from '../../shared/aiSettings';

/** Cost of one call in US dollars, from the editable price table; 0 for a model with no price. */
export function callCost(prices: AiProvider['prices'], model: string, tokensIn: number, tokensOut: number): number {
  const price = prices[model];
  if (!price) return 0;
  return (tokensIn * price.input + tokensOut * price.output) / 1_000_000;
}
