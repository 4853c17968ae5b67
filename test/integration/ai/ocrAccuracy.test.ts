import { afterAll, describe, expect, it } from 'vitest';
import { LocalOcr } from '../../../src/main/ai/ocr';
import { extractByPattern } from '../../../src/main/engine/steps/imageCheck';
import { mulberry, registerFonts, renderScreenshot } from '../../support/screenshots/renderScreenshot';

// Offline screenshot reading: 200 generated "profile screenshots" (fonts, sizes, light/dark,
// noise, Latin and Cyrillic labels, distractor numbers) read by local OCR plus the image step's
// ID pattern. The bar is 95%.
const ocr = new LocalOcr();
afterAll(() => ocr.close());

describe('local OCR of generated screenshots', () => {
  it('extracts the right ID from at least 95% of 200 screenshots', { timeout: 600_000 }, async () => {
    const families = registerFonts();
    const random = mulberry(20261128);
    const pattern = '\\b(\\d{6,12})\\b';
    let right = 0;
    const misses: string[] = [];
    for (let i = 0; i < 200; i++) {
      const shot = renderScreenshot(random, families);
      const text = await ocr.read(shot.png);
      const value = extractByPattern(text, pattern);
      if (value === shot.id) right++;
      else misses.push(`${shot.description}: expected ${shot.id}, read ${JSON.stringify(value)} from ${JSON.stringify(text.slice(0, 120))}`);
    }
    const rate = right / 200;
    process.stdout.write(`ocr.id_extraction_rate: ${(rate * 100).toFixed(1)}% (${right}/200)\n`);
    for (const miss of misses.slice(0, 10)) process.stdout.write(`  miss: ${miss}\n`);
    expect(rate).toBeGreaterThanOrEqual(0.95);
  });
});
