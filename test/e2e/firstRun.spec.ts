import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { checkLayout, windowSizes } from './layoutCheck';

// The sidebar's first-run checklist ticks itself off from what is really in the data folder, and goes
// when complete or hidden; in sandbox mode a banner says so and leads to the Sandbox bar.

const step = (page: Page, name: string) => page.getByTestId(`first-run-${name}`);

/** Sets up postbacks the way an operator does: a campaign link on the Tracker page. */
async function createCampaign(page: Page): Promise<void> {
  await page.getByTestId('nav-tracker').click();
  const campaigns = page.getByTestId('campaigns');
  await campaigns.getByLabel('Campaign', { exact: true }).fill('Spring');
  await campaigns.getByLabel('Account username').fill('@voronka_sandbox');
  await campaigns.getByLabel('Prefilled greeting').fill('Привет! {token}');
  await campaigns.getByRole('button', { name: 'Create link' }).click();
}

for (const size of windowSizes) {
  test.describe(`first run at ${size.width}×${size.height}`, () => {
    test('a fresh data folder: nothing done, a template ticks its step, hiding the list keeps it hidden', async ({ page, voronka }) => {
      await page.setViewportSize(size);
      await page.goto(voronka.url);
      await expect(page.getByTestId('first-run')).toBeVisible();
      await expect(page.getByTestId('first-run-progress')).toHaveText('0 of 4');
      for (const name of ['account', 'template', 'publish', 'postbacks']) await expect(step(page, name)).toHaveAttribute('data-done', 'false');
      await expect(page.getByTestId('sandbox-banner')).toHaveCount(0);
      expect(await checkLayout(page, 'first-run-empty')).toEqual([]);

      // The step leads to its page; a script from a template ticks it.
      await step(page, 'template').click();
      await page.getByTestId('new-script').click();
      await page.getByTestId('template-screenshot-funnel').getByRole('button').click();
      await expect(page).toHaveURL(/#\/scripts\/\d+$/);
      await expect(step(page, 'template')).toHaveAttribute('data-done', 'true');
      await expect(page.getByTestId('first-run-progress')).toHaveText('1 of 4');
      await expect(step(page, 'account')).toHaveAttribute('data-done', 'false');

      // A campaign link counts as postbacks set up.
      await createCampaign(page);
      await expect(step(page, 'postbacks')).toHaveAttribute('data-done', 'true');
      await expect(page.getByTestId('first-run-progress')).toHaveText('2 of 4');

      // Hidden by the operator: gone, and still gone after a reload.
      await page.getByTestId('first-run-dismiss').click();
      await expect(page.getByTestId('first-run')).toHaveCount(0);
      await page.reload();
      await expect(page.getByTestId('nav-tracker')).toBeVisible();
      await expect(page.getByTestId('first-run')).toHaveCount(0);
      expect(voronka.output()).not.toMatch(/"lvl":"error"/);
    });

    test.describe('sandbox mode', () => {
      test.use({ hostArgs: ['--sandbox-telegram'] });

      test('the banner leads to the Sandbox bar; the sandbox account, its script and a campaign complete the list, which then goes', async ({ page, voronka }) => {
        await page.setViewportSize(size);
        await page.goto(voronka.url);
        await expect(page.getByTestId('sandbox-banner')).toBeVisible();
        // The sandbox account is connected and runs the template it was given on its first start.
        await expect(page.getByTestId('first-run-progress')).toHaveText('3 of 4', { timeout: 60_000 });
        for (const name of ['account', 'template', 'publish']) await expect(step(page, name)).toHaveAttribute('data-done', 'true');
        await expect(step(page, 'postbacks')).toHaveAttribute('data-done', 'false');
        // Measured on Settings: the sidebar is the same on every page, and this page's own layout is not
        // what this test is about (layout.spec.ts covers every page).
        await page.getByTestId('nav-settings').click();
        await expect(page.getByTestId('language-switch')).toBeVisible();
        expect(await checkLayout(page, 'first-run-sandbox')).toEqual([]);

        await page.getByTestId('sandbox-banner-link').click();
        await expect(page).toHaveURL(/#\/inbox/);
        await expect(page.getByTestId('sandbox-simulator')).toBeVisible();

        await createCampaign(page);
        await expect(page.getByTestId('first-run')).toHaveCount(0);
        // The banner stays as long as the sandbox runs.
        await expect(page.getByTestId('sandbox-banner')).toBeVisible();
        expect(await checkLayout(page, 'first-run-complete')).toEqual([]);
        expect(voronka.output()).not.toMatch(/"lvl":"error"/);
      });
    });
  });
}
