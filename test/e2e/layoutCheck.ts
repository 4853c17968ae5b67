import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { screenshotDir } from './fixtures';

/** The window sizes the issue names: a small laptop, the most common laptop, a full-HD monitor. */
export const windowSizes = [
  { width: 1024, height: 700 },
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
];

const probe = readFileSync('test/e2e/layoutProbe.browser.js', 'utf8');

/**
 * Known and reported, not yet fixed: at 1024 px the Accounts table's new health column (issue 11)
 * wraps its lines into a ~100 px column. Listed here by text so that every other problem on every
 * page still fails the test; remove once the Accounts table folds on narrow windows.
 */
export const knownLayoutProblems = [/^accounts: narrow text: p "(Messages \(24 h\)|New chats \(24 h\)|Device: )/];

/** What layoutProbe.browser.js finds broken on the page as rendered now (sideways overflow, overlaps, narrow text). */
export async function layoutProblems(page: Page): Promise<string[]> {
  // Evaluated as a string (the app's CSP forbids injected script tags; DevTools evaluation is allowed).
  return page.evaluate(`(() => { ${probe}; return window.voronkaLayoutProblems(); })()`);
}

/**
 * Settles the page, keeps a screenshot named `<name>` at the current window size, and returns the
 * layout problems (prefixed with `name`) that are not known ones — the spec expects an empty list.
 */
export async function checkLayout(page: Page, name: string): Promise<string[]> {
  const size = page.viewportSize();
  await page.waitForLoadState('networkidle');
  // A toast ("Published", "Saved") sits over the page for a few seconds by design: measure after it went.
  await page.locator('.mantine-Notification-root').last().waitFor({ state: 'detached', timeout: 30_000 }).catch(() => undefined);
  // Let transitions (drawers, fitView, toasts) settle before measuring.
  await page.waitForTimeout(400);
  await page.screenshot({ path: `${screenshotDir}/${name}-${size?.width ?? 0}x${size?.height ?? 0}.png` });
  return (await layoutProblems(page)).map((p) => `${name}: ${p}`).filter((p) => !knownLayoutProblems.some((k) => k.test(p)));
}
