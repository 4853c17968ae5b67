import type { Page } from '@playwright/test';
import { startFakeOpenAI } from '../support/fake-openai';
import { expect, test } from './fixtures';
import { checkLayout, windowSizes } from './layoutCheck';

// Issue 15, "Scripts and accounts": unique names, drafts, what publishing reaches, a confirmed script
// switch, a connection test that saves nothing, login-wizard errors per tab, a toast for every save.
// In sandbox mode: a (fake) Telegram account is online and runs the template the sandbox published.
test.use({ hostArgs: ['--sandbox-telegram'] });

async function newFromTemplate(page: Page): Promise<void> {
  await page.getByTestId('nav-scripts').click();
  await page.getByTestId('new-script').click();
  await page.getByTestId('template-screenshot-funnel').getByRole('button').click();
  await expect(page).toHaveURL(/#\/scripts\/\d+$/);
  await expect(page.getByTestId('save-state')).toBeVisible();
}

const rowNames = (page: Page) => page.locator('[data-testid^="script-row-"] td:first-child').allTextContents();

for (const size of windowSizes) {
  test(`scripts and accounts at ${size.width}×${size.height}: unique names, drafts, publish report, script switch, connection test, login errors, toasts`, async ({ page, voronka }) => {
    test.setTimeout(300_000);
    await page.setViewportSize(size);
    await page.goto(voronka.url);
    // The sandbox account is there and runs the sandbox's script.
    await page.getByTestId('nav-accounts').click();
    const scriptPicker = page.locator('[data-testid^="account-script-"]').first();
    await expect(scriptPicker).toBeVisible({ timeout: 120_000 });
    await expect(scriptPicker).not.toHaveValue('');

    // Two more scripts from the same template: every name is different, the new ones are drafts.
    await newFromTemplate(page);
    await newFromTemplate(page);
    await page.getByLabel('Back to scripts').click();
    await expect(page.locator('[data-testid^="script-row-"]')).toHaveCount(3);
    const names = await rowNames(page);
    expect(new Set(names).size).toBe(3);
    expect(names.some((n) => / \(3\)$/.test(n))).toBe(true);
    await expect(page.getByTestId('script-list').getByText('Not published')).toHaveCount(2);
    expect(await checkLayout(page, 'scripts-drafts')).toEqual([]);

    // Renaming one onto another's name is refused with the reason; a free name saves.
    const taken = names.find((n) => !/ \(\d\)$/.test(n)) as string;
    await page.locator('[data-testid^="script-row-"]').filter({ hasText: ' (3)' }).click();
    await page.getByTestId('script-settings').click();
    await page.getByTestId('script-name').fill(taken);
    await expect(page.getByText(`Another script is already named “${taken}”`)).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'error');
    expect(await checkLayout(page, 'scripts-name-taken')).toEqual([]);
    await page.getByTestId('script-name').fill('Моя воронка');
    await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved', { timeout: 120_000 });
    await page.keyboard.press('Escape');

    // Publishing says that no account runs it yet.
    await page.getByTestId('publish').click();
    await expect(page.getByText('No account runs this script yet')).toBeVisible();

    // Switching the account's script asks first and says what happens to its leads.
    await page.getByTestId('nav-accounts').click();
    await scriptPicker.click();
    // A script never published is listed but cannot be picked (main refuses it too).
    const draftOption = page.getByRole('option', { name: /Draft — not published yet/ }).first();
    await expect(draftOption).toHaveAttribute('aria-disabled', 'true');
    await page.getByRole('option', { name: 'Моя воронка', exact: true }).click();
    const impact = page.getByTestId('switch-script-impact');
    await expect(impact).toContainText('New chats on this account will start in “Моя воронка”');
    await expect(impact).toContainText(/This account has no leads yet|They keep that script/);
    expect(await checkLayout(page, 'accounts-switch-confirm')).toEqual([]);
    await page.getByTestId('switch-script-confirm').click();
    await expect(page.getByText(/Script of .+ switched/)).toBeVisible();
    await expect(scriptPicker).toHaveValue('Моя воронка');

    // Publishing again names the account that now runs it.
    await page.getByTestId('nav-scripts').click();
    await page.locator('[data-testid^="script-row-"]').filter({ hasText: 'Моя воронка' }).click();
    await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved', { timeout: 120_000 });
    await page.getByTestId('publish').click();
    await expect(page.getByText(/Now running on: .+\./)).toBeVisible();

    // The login wizard: a wrong session string is refused with the reason, shown on its own tab only.
    await page.getByTestId('nav-accounts').click();
    await page.getByTestId('add-account').click();
    await page.getByTestId('tab-session').click();
    await page.getByTestId('session-string').fill('1definitely-not-a-telegram-session');
    await page.getByTestId('login-api-id').fill('12345');
    await page.getByTestId('login-api-hash').fill('0123456789abcdef0123456789abcdef');
    await page.getByTestId('login-start').click();
    await expect(page.getByTestId('login-failure')).toBeVisible();
    expect(await checkLayout(page, 'login-session-error')).toEqual([]);
    await page.getByTestId('tab-phone').click();
    await expect(page.getByTestId('login-failure')).toHaveCount(0);
    await page.getByTestId('tab-session').click();
    await expect(page.getByTestId('login-failure')).toBeVisible();
    await page.keyboard.press('Escape');

    // "Test connection" tests the form as typed against a local OpenAI-compatible server and saves nothing.
    const ai = await startFakeOpenAI();
    try {
      await page.getByTestId('nav-settings').click();
      const baseUrl = page.getByTestId('ai-base-url');
      const saved = await baseUrl.inputValue();
      await baseUrl.fill(ai.baseURL);
      await page.getByTestId('api-key').fill(ai.apiKey);
      await page.getByTestId('ai-test').click();
      await expect(page.getByTestId('connection-report')).toContainText('gpt-4o-mini');
      expect(ai.requests.length).toBeGreaterThan(0);
      await page.reload();
      await expect(page.getByTestId('ai-base-url')).toHaveValue(saved);
      await expect(page.getByTestId('key-set')).toHaveCount(0);
    } finally {
      await ai.close();
    }

    // Every save confirms with a toast.
    await page.getByTestId('debounce').fill('7');
    await page.getByTestId('behaviour-save').click();
    await expect(page.locator('.mantine-Notification-root').filter({ hasText: 'Saved' })).toBeVisible();
    expect(await checkLayout(page, 'settings-saved')).toEqual([]);
    expect(voronka.output()).not.toMatch(/"lvl":"error"/);
  });
}
