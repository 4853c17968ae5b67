import { describe, expect, it } from 'vitest';
import { extractByPattern } from '../../../src/main/engine/steps/extractByPattern';

const idPattern = '\\b(\\d{6,12})\\b';

describe('extractByPattern', () => {
  it('returns the group of the only match, or undefined when nothing matches', () => {
    expect(extractByPattern('48213907', idPattern)).toBe('48213907');
    expect(extractByPattern('ID 4821', idPattern)).toBeUndefined();
    expect(extractByPattern('anything', '(')).toBeUndefined();
  });

  it('prefers the number labelled as the ID over other long numbers on the screen', () => {
    expect(extractByPattern('Transaction ID 5531278940\nPlayer ID 48213907', idPattern)).toBe('48213907');
    expect(extractByPattern('Order Ne 7712345 UID: 48213907', idPattern)).toBe('48213907');
    expect(extractByPattern('Phone: +79123456789\nBalance 1250000\n1D: 48213907', idPattern)).toBe('48213907');
  });

  it('reads a label on the line above a value standing alone (stacked layouts)', () => {
    expect(extractByPattern('Promo code\n554433\nAccount ID\n48213907\nOrder\n7712345', idPattern)).toBe('48213907');
  });

  it('ranks unlabelled numbers above phone and order numbers, and keeps the first of equals', () => {
    expect(extractByPattern('+79123456789\n#7712345\nHomep 48213907', idPattern)).toBe('48213907');
    expect(extractByPattern('Homep 11111111\nCuet 22222222', idPattern)).toBe('11111111');
  });

  it('counts a label inside the pattern itself', () => {
    expect(extractByPattern('Order 7712345 ID: 48213907', 'ID:\\s*(\\d+)')).toBe('48213907');
  });
});
