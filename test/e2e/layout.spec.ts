import type { Page } from '@playwright/test';
import { expect as baseExpect, screenshotDir, test } from './fixtures';
import { knownLayoutProblems as known, layoutProblems, windowSizes } from './layoutCheck';

// Each page is opened cold on a busy machine (lazy chunks, seeded data): waits are generous, nothing is timed.
const expect = baseExpect.configure({ timeout: 60_000 });

test.use({ seed: 'demo' });

const sizes = windowSizes;

/** Each page in the state an operator works in (a script open in the editor, a chat open in the inbox). */
const pages: { name: string; open: (page: Page) => Promise<void> }[] = [
  { name: 'scripts', open: async (page) => {
    await page.getByTestId('nav-scripts').click();
    await expect(page.getByTestId('script-list')).toBeVisible();
  } },
  { name: 'editor', open: async (page) => {
    await page.getByTestId('nav-scripts').click();
    await page.locator('[data-testid^="script-row-"]').first().click();
    await expect(page.locator('.react-flow__node').first()).toBeVisible();
    await expect(page.getByTestId('save-state')).toBeVisible();
  } },
  { name: 'inbox', open: async (page) => {
    await page.getByTestId('nav-inbox').click();
    await page.locator('[data-testid^="chat-row-"]').first().click();
    await expect(page.getByTestId('conversation').getByTestId('message-lead').first()).toBeVisible();
  } },
  { name: 'stats', open: async (page) => {
    await page.getByTestId('nav-stats').click();
    await expect(page.getByTestId('stats')).toBeVisible();
  } },
  { name: 'accounts', open: async (page) => {
    await page.getByTestId('nav-accounts').click();
    await expect(page.getByTestId('nav-accounts')).toHaveAttribute('data-active', 'true');
  } },
  { name: 'tracker', open: async (page) => {
    await page.getByTestId('nav-tracker').click();
    await expect(page.getByTestId('nav-tracker')).toHaveAttribute('data-active', 'true');
  } },
  { name: 'settings', open: async (page) => {
    await page.getByTestId('nav-settings').click();
    await expect(page.getByTestId('language-switch')).toBeVisible();
  } },
];

for (const size of sizes) {
  test(`every page is usable at ${size.width}×${size.height}: no sideways overflow, no overlaps, no narrow text`, async ({ page, voronka }) => {
    await page.setViewportSize(size);
    await page.goto(voronka.url);
    const found: string[] = [];
    for (const target of pages) {
      await target.open(page);
      await page.waitForLoadState('networkidle');
      // Let transitions (drawers, fitView) settle before measuring.
      await page.waitForTimeout(400);
      await page.screenshot({ path: `${screenshotDir}/layout-${size.width}x${size.height}-${target.name}.png` });
      found.push(...(await layoutProblems(page)).map((p) => `${target.name}: ${p}`));
    }
    expect(found.filter((p) => !known.some((k) => k.test(p)))).toEqual([]);
    expect(voronka.output()).not.toMatch(/"lvl":"error"/);
  });
}
