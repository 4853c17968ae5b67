import type { Page } from '@playwright/test';
import { expect, screenshotDir, test } from './fixtures';

// A journey's data (chats, a template script) plus an A/B data set, so every view has content to label.
test.use({ seed: 'demo' });

/** Collects `i18n: missing key …` console errors (logged by the renderer's missingKeyHandler). */
function watchMissingKeys(page: Page): string[] {
  const missing: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && message.text().startsWith('i18n: missing key')) missing.push(`${message.text()} (at ${page.url()})`);
  });
  return missing;
}

const shot = (page: Page, lng: string, view: string) => page.screenshot({ path: `${screenshotDir}/${lng}-all-${view}.png` });

for (const lng of ['en', 'ru'] as const) {
  test(`every section and main view in ${lng.toUpperCase()} has all its texts`, async ({ page, voronka }) => {
    const missing = watchMissingKeys(page);
    await page.goto(voronka.url);
    await expect(page.getByTestId('nav-scripts')).toHaveText('Scripts');
    if (lng === 'ru') {
      await page.getByTestId('nav-settings').click();
      await page.getByTestId('language-switch').getByText('Русский').click();
      await expect(page.getByTestId('nav-scripts')).toHaveText('Скрипты');
    }

    // Scripts: the list and the templates gallery.
    await page.getByTestId('nav-scripts').click();
    await expect(page.getByTestId('script-list')).toBeVisible();
    await page.getByTestId('new-script').click();
    await expect(page.getByTestId('template-screenshot-funnel')).toBeVisible();
    await shot(page, lng, 'templates');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('template-screenshot-funnel')).toHaveCount(0);

    // The editor: canvas, a step's inspector, the problems panel, script settings (every tab), the emulator.
    await page.locator('[data-testid^="script-row-"]').first().click();
    await expect(page.getByTestId('flow-canvas')).toBeVisible();
    await page.locator('[data-testid^="node-greet_a_"]').click();
    await expect(page.getByTestId('step-inspector')).toBeVisible();
    await page.getByTestId('problems-toggle').click();
    await expect(page.getByTestId('problems-panel')).toBeVisible();
    await shot(page, lng, 'editor');
    await page.getByTestId('problems-toggle').click();
    await page.locator('[data-testid^="node-greet_router_"]').click();
    await expect(page.getByTestId('step-inspector')).toBeVisible();
    await page.getByTestId('script-settings').click();
    const drawer = page.getByRole('dialog');
    await expect(drawer).toBeVisible();
    for (const tab of await drawer.getByRole('tab').all()) {
      await tab.click();
      await expect(tab).toHaveAttribute('aria-selected', 'true');
    }
    await shot(page, lng, 'script-settings');
    await page.keyboard.press('Escape');
    await expect(drawer).toHaveCount(0);
    await page.getByTestId('emulator-toggle').click();
    await page.getByTestId('emulator-start').click();
    await page.getByTestId('emulator-input').fill('Привет');
    await page.getByTestId('emulator-send').click();
    await expect(page.getByTestId('emulator-out').first()).toBeVisible();
    await shot(page, lng, 'emulator');

    // Inbox with a chat open, its AI decisions shown, and the lead card.
    await page.getByTestId('nav-inbox').click();
    await page.locator('[data-testid^="chat-row-"]').first().click();
    await expect(page.getByTestId('conversation')).toBeVisible();
    // Below 1440 px the lead card is a drawer opened from the conversation header.
    await page.getByTestId('lead-card-open').click();
    await expect(page.getByTestId('lead-card')).toBeVisible();
    await shot(page, lng, 'lead-card');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('lead-card')).toHaveCount(0);
    await page.getByTestId('show-decisions').click();
    await page.getByTestId('inbox-more-filters').click();
    await shot(page, lng, 'inbox');

    // Statistics with data.
    await page.getByTestId('nav-stats').click();
    await page.getByTestId('stats-script').click();
    await page.getByRole('option', { name: 'Screenshot funnel (seeded A/B)' }).click();
    await expect(page.getByTestId('ab-greet_router').locator('tbody tr')).toHaveCount(4);
    await shot(page, lng, 'stats');

    // Accounts with the login wizard open (phone and session tabs).
    await page.getByTestId('nav-accounts').click();
    await expect(page.getByTestId('account-list')).toBeVisible();
    await page.getByTestId('add-account').click();
    const wizard = page.getByRole('dialog');
    await expect(wizard).toBeVisible();
    await wizard.getByRole('tab').nth(1).click();
    await shot(page, lng, 'accounts-wizard');
    await page.keyboard.press('Escape');
    await expect(wizard).toHaveCount(0);

    // Tracker and Settings.
    await page.getByTestId('nav-tracker').click();
    await expect(page.getByTestId('tracker-status')).toBeVisible();
    await expect(page.getByTestId('campaigns')).toBeVisible();
    await expect(page.getByTestId('postback-log')).toBeVisible();
    // Per-preset help in the UI language, as the presets read postbacks.
    await expect(page.getByTestId('preset-help-keitaro')).toContainText('lead_status=reg,topup');
    await expect(page.getByTestId('preset-help-bemob')).toContainText(lng === 'ru' ? 'new = регистрация' : 'new = registration');
    await expect(page.getByTestId('preset-help-redtrack')).toContainText(lng === 'ru' ? 'чувствителен к регистру' : 'case-sensitive');
    await shot(page, lng, 'tracker');
    await page.getByTestId('nav-settings').click();
    await expect(page.getByTestId('ai-base-url')).toBeVisible();
    await shot(page, lng, 'settings');

    expect(missing, 'texts the UI asked for that no language has').toEqual([]);
  });
}
