import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect as baseExpect, screenshotDir, test } from './fixtures';

// Each page is opened cold on a busy machine (lazy chunks, seeded data): waits are generous, nothing is timed.
const expect = baseExpect.configure({ timeout: 20_000 });

test.use({ seed: 'demo' });

/** The window sizes the issue names: a small laptop, the most common laptop, a full-HD monitor. */
const sizes = [
  { width: 1024, height: 700 },
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
];

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

const probe = readFileSync('test/e2e/layoutProbe.browser.js', 'utf8');

async function layoutProblems(page: Page): Promise<string[]> {
  // Evaluated as a string (the app's CSP forbids injected script tags; DevTools evaluation is allowed).
  return page.evaluate(`(() => { ${probe}; return window.voronkaLayoutProblems(); })()`);
}

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
    expect(found).toEqual([]);
    expect(voronka.output()).not.toMatch(/"lvl":"error"/);
  });
}
