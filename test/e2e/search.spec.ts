import { expect, screenshotDir, test } from './fixtures';
import { checkLayout, windowSizes } from './layoutCheck';

test.use({ seed: 'inbox' });

for (const size of windowSizes) {
  test.describe(`at ${size.width}×${size.height}`, () => {
    test('inbox search covers every message: a Russian word prefix finds the message, a click opens the chat at it', async ({ page, voronka }) => {
      await page.setViewportSize(size);
      await page.goto(voronka.url);
      await page.getByTestId('nav-inbox').click();
      await page.getByTestId('inbox-search').fill('рекла');
      const hits = page.getByTestId('message-hits');
      await expect(hits).toContainText('Анна');
      await expect(hits.locator('mark').first()).toHaveText(/^рекла/i);
      await page.screenshot({ path: `${screenshotDir}/en-inbox-search.png` });
      expect(await checkLayout(page, 'search-hits')).toEqual([]);

      await hits.locator('[data-testid^="message-hit-"]').first().click();
      await expect(page).toHaveURL(/[?&]message=\d+/);
      const focused = page.getByTestId('conversation').locator('[data-focused]');
      await expect(focused).toContainText('рекламу');
      await expect(focused).toBeInViewport();
      expect(await checkLayout(page, 'search-jumped')).toEqual([]);
      expect(voronka.output()).not.toMatch(/"lvl":"error"/);
    });
  });
}
