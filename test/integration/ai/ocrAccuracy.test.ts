import { afterAll, describe, expect, it } from 'vitest';
import { LocalOcr } from '../../../src/main/ai/ocr';
import { extractByPattern } from '../../../src/main/engine/steps/extractByPattern';
import { mulberry, registerFonts, renderScreenshot, type Screenshot } from '../../support/screenshots/renderScreenshot';

// Offline screenshot reading as a lead's photo arrives: generated phone screenshots of a platform's
// profile or wallet screen (status bar, balances, phone numbers, dates and times, transaction and
// order numbers of 6+ digits right next to the ID, the ID in body size; light and dark themes;
// scaled down and JPEG-compressed as Telegram does) read by local OCR plus the screenshot-funnel
// template's ID pattern. The bar is 95%.
const count = 100;
const pattern = '\\b(\\d{6,12})\\b'; // resources/templates/screenshot-funnel.json, step "screenshot"
// Two OCR workers: the machine has two cores, and each worker runs one recognition at a time.
const workers = [new LocalOcr(), new LocalOcr()];
afterAll(() => Promise.all(workers.map((w) => w.close())));

describe('local OCR of generated screenshots', () => {
  it(`extracts the right ID from at least 95% of ${count} screenshots`, { timeout: 900_000 }, async () => {
    const families = registerFonts();
    const random = mulberry(20261207);
    const shots: Screenshot[] = Array.from({ length: count }, () => renderScreenshot(random, families));
    const misses: string[] = [];
    let next = 0;
    await Promise.all(
      workers.map(async (ocr) => {
        for (let i = next++; i < count; i = next++) {
          const shot = shots[i] as Screenshot;
          const text = await ocr.read(shot.image);
          const value = extractByPattern(text, pattern);
          if (value !== shot.id) misses.push(`${shot.description}: expected ${shot.id}, read ${JSON.stringify(value)} from ${JSON.stringify(text.slice(0, 300))}`);
        }
      }),
    );
    const right = count - misses.length;
    process.stdout.write(`ocr.id_extraction_rate: ${((right / count) * 100).toFixed(1)}% (${right}/${count})\n`);
    for (const miss of misses.slice(0, 10)) process.stdout.write(`  miss: ${miss}\n`);
    expect(right / count).toBeGreaterThanOrEqual(0.95);
  });
});
