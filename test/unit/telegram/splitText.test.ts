import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitText } from '../../../src/main/telegram/splitText';

/** Parts may be cut mid-word only when there is no space at all, so compare without whitespace. */
const squash = (s: string): string => s.replace(/\s+/g, '');

describe('splitText', () => {
  it('leaves a text within the limit alone', () => {
    expect(splitText('Привет! Как дела?', 4096)).toEqual(['Привет! Как дела?']);
  });

  it('prefers a paragraph break, then a sentence end, then a space', () => {
    expect(splitText('First para.\n\nSecond para here.', 20)).toEqual(['First para.', 'Second para here.']);
    expect(splitText('One sentence. Two sentence. Three.', 30)).toEqual(['One sentence. Two sentence.', 'Three.']);
    expect(splitText('aaaa bbbb cccc dddd', 12)).toEqual(['aaaa bbbb', 'cccc dddd']);
  });

  it('cuts an unbroken run at the limit without splitting a surrogate pair', () => {
    const parts = splitText('😀'.repeat(5), 5);
    expect(parts.every((p) => p.length <= 5 && !/[\ud800-\udbff]$/.test(p))).toBe(true);
    expect(parts.join('')).toBe('😀'.repeat(5));
  });

  it('never loses text and never exceeds the limit', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', ' ', '.', '\n', 'я', '😀'), maxLength: 400 }), fc.integer({ min: 4, max: 60 }), (text, max) => {
        const parts = splitText(text, max);
        expect(parts.every((p) => p.length > 0 && p.length <= max)).toBe(true);
        expect(squash(parts.join(' '))).toBe(squash(text));
      }),
    );
  });
});
