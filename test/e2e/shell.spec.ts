import { expect, screenshotDir, test } from './fixtures';

const sections = [
  { id: 'scripts', en: 'Scripts', ru: 'Скрипты' },
  { id: 'inbox', en: 'Inbox', ru: 'Чаты' },
  { id: 'stats', en: 'Statistics', ru: 'Статистика' },
  { id: 'accounts', en: 'Accounts', ru: 'Аккаунты' },
  { id: 'tracker', en: 'Tracker', ru: 'Трекер' },
  { id: 'settings', en: 'Settings', ru: 'Настройки' },
];

test('visits every section, switches RU↔EN, and the language survives a reload', async ({ page, voronka }) => {
  await page.goto(voronka.url);
  // A fresh data folder on an en-US machine starts in English.
  await expect(page.getByTestId('nav-scripts')).toHaveText('Scripts');
  await expect(page).toHaveURL(/#\/scripts$/);
  // The token leaves the address bar once the page has it.
  expect(page.url()).not.toContain('token=');

  for (const section of sections) {
    await page.getByTestId(`nav-${section.id}`).click();
    await expect(page).toHaveURL(new RegExp(`#/${section.id}$`));
    await expect(page).toHaveTitle(`${section.en} — Voronka`);
    if (section.id !== 'settings') await expect(page.getByTestId(`empty-${section.id}`)).toBeVisible();
    await page.screenshot({ path: `${screenshotDir}/en-${section.id}.png` });
  }

  await page.getByTestId('nav-settings').click();
  await expect(page.getByText('Schema version')).toBeVisible();
  await page.getByTestId('language-switch').getByText('Русский').click();
  await expect(page.getByTestId('nav-settings')).toHaveText('Настройки');
  await expect(page).toHaveTitle('Настройки — Voronka');

  await page.reload();
  await expect(page.getByTestId('nav-settings')).toHaveText('Настройки');
  for (const section of sections) {
    await page.getByTestId(`nav-${section.id}`).click();
    await expect(page.getByTestId(`nav-${section.id}`)).toHaveText(section.ru);
    await expect(page).toHaveTitle(`${section.ru} — Voronka`);
    await page.screenshot({ path: `${screenshotDir}/ru-${section.id}.png` });
  }

  // And back to English, kept across a reload too.
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('language-switch').getByText('English').click();
  await expect(page.getByTestId('nav-settings')).toHaveText('Settings');
  await page.reload();
  await expect(page.getByTestId('nav-inbox')).toHaveText('Inbox');
  expect(voronka.output()).not.toMatch(/"lvl":"error"/);
});

test('a page opened without the token says so instead of hanging', async ({ page, voronka }) => {
  const bare = new URL(voronka.url);
  bare.search = '';
  await page.goto(bare.toString());
  await expect(page.getByTestId('connection-banner')).toContainText(/token/i);
  await page.screenshot({ path: `${screenshotDir}/no-token.png` });
});
