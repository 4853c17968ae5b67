import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test as base, type Page } from '@playwright/test';
import { startHeadless, type RunningHeadless } from '../support/headlessProcess';
import { runSeed, type SeedKind } from '../support/runSeed';


/** One headless host per test, each with its own data folder (empty unless seeded), so no test sees another's data. */
export const test = base.extend<{ seed: SeedKind | null; hostArgs: string[]; voronka: RunningHeadless }>({
  /** Fills the data folder before the host starts (`test.use({ seed: 'inbox' })`, see seedCli.ts); none by default. */
  seed: [null, { option: true }],
  /** Extra command-line flags for the host (`test.use({ hostArgs: ['--sandbox-telegram'] })`). */
  hostArgs: [[], { option: true }],
  voronka: async ({ seed, hostArgs }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'voronka-e2e-'));
    if (seed) await runSeed(seed, dataDir);
    const running = await startHeadless({ dataDir, args: hostArgs });
    await use(running);
    await running.stop();
  },
});

export { expect };

/**
 * Opens the chat of the lead named `name` from the inbox list and waits until the URL names that lead.
 * The list is live and its rows are recycled: when a lead moves (taken over, it jumps to the top) the row
 * found by its text can show another lead by the time it is clicked, which opened the wrong chat in a CI
 * run. So the click is by the lead's id, checked against the URL, and tried again if the list moved.
 */
export async function openChat(page: Page, name: string, timeout = 60_000): Promise<void> {
  const row = page.locator('[data-testid^="chat-row-"]').filter({ hasText: name });
  await expect(row).toBeVisible({ timeout });
  await expect(async () => {
    const testId = await row.getAttribute('data-testid', { timeout: 5_000 });
    const id = testId?.replace('chat-row-', '') ?? '';
    await page.getByTestId(`chat-row-${id}`).click({ timeout: 5_000 });
    expect(new URL(page.url()).hash).toMatch(new RegExp(`[?&]lead=${id}(&|$)`));
  }).toPass({ timeout });
}

export const screenshotDir = 'test-results/screenshots';

/**
 * A temp folder for files a spec generates (tens of MB of media): every folder made by the returned
 * function is removed after each test of the file, passed or failed. Call at the top of a spec file.
 */
export function generatedFilesFolder(): () => string {
  const folders: string[] = [];
  test.afterEach(() => {
    for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(join(tmpdir(), 'voronka-e2e-media-'));
    folders.push(dir);
    return dir;
  };
}
