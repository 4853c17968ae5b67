import { createCanvas } from '@napi-rs/canvas';
import { expect, screenshotDir, test } from './fixtures';

/** A clear "profile screenshot" with a platform ID, read by the host's offline OCR. */
function idScreenshot(id: string): Buffer {
  const canvas = createCanvas(640, 240);
  const g = canvas.getContext('2d');
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, 640, 240);
  g.fillStyle = '#111111';
  g.font = '36px sans-serif';
  g.fillText(`ID: ${id}`, 40, 130);
  return canvas.toBuffer('image/png');
}

test('the emulator runs the screenshot template to the deposit flow: greeting, replies, a clock jump, a screenshot', async ({ page, voronka }) => {
  await page.goto(voronka.url);
  await page.getByTestId('nav-scripts').click();
  await page.getByTestId('new-script').click();
  await page.getByTestId('template-screenshot-funnel').getByRole('button').click();
  await expect(page).toHaveURL(/#\/scripts\/\d+$/);

  await page.getByTestId('emulator-toggle').click();
  await page.getByTestId('emulator-start').click();
  await expect(page.getByTestId('emulator-messages')).toContainText('No messages yet');

  // The lead writes first (as in a DM); the A/B router picks a greeting and the bot answers.
  await page.getByTestId('emulator-input').fill('Привет');
  await page.getByTestId('emulator-send').click();
  await expect(page.getByTestId('emulator-out').first()).toBeVisible();
  await expect(page.getByTestId('emulator-step')).toContainText('Приветствие');
  const sentBefore = await page.getByTestId('emulator-out').count();

  // The answer to the greeting moves the lead on to the registration flow.
  await page.getByTestId('emulator-input').fill('Да, интересно');
  await page.getByTestId('emulator-send').click();
  await expect(page.getByTestId('emulator-in')).toHaveCount(2);
  await expect.poll(() => page.getByTestId('emulator-out').count()).toBeGreaterThan(sentBefore);
  await expect(page.getByTestId('emulator-step')).toContainText('Регистрация');

  const clockBefore = await page.getByTestId('emulator-clock').textContent();
  await page.getByTestId('emulator-plus1h').click();
  await expect(page.getByTestId('emulator-clock')).not.toHaveText(clockBefore ?? '');
  await page.screenshot({ path: `${screenshotDir}/en-emulator.png` });

  // No AI provider here: the keyword route "already registered" leads to the screenshot step, and
  // the screenshot is read by local OCR — all the way to the deposit flow.
  await page.getByTestId('emulator-input').fill('Да, я уже зарегистрирован');
  await page.getByTestId('emulator-send').click();
  await expect(page.getByTestId('emulator-in')).toHaveCount(3);
  await page.getByTestId('emulator').locator('input[type=file]').setInputFiles({ name: 'profile.png', mimeType: 'image/png', buffer: idScreenshot('48213957') });
  await expect(page.getByTestId('emulator-in')).toHaveCount(4);
  await expect(page.getByTestId('emulator')).toContainText('48213957');
  await expect(page.getByTestId('emulator')).toContainText('Депозит');
  await page.screenshot({ path: `${screenshotDir}/en-emulator-deposit.png` });
  expect(voronka.output()).not.toMatch(/"lvl":"error"/);
});

test('the inbox shows its empty state and every filter', async ({ page, voronka }) => {
  await page.goto(voronka.url);
  await page.getByTestId('nav-inbox').click();
  await expect(page.getByTestId('empty-inbox')).toBeVisible();
  await expect(page.getByTestId('inbox-search')).toBeVisible();
  await expect(page.getByTestId('inbox-status')).toBeVisible();
  await page.getByTestId('inbox-more-filters').click();
  await expect(page.getByTestId('inbox-tag')).toBeVisible();
  await page.getByTestId('inbox-tag').fill('registered');
  // A filtered empty result says so, not "no chats yet".
  await expect(page.getByTestId('empty-inbox')).toContainText('No chats match');
  await page.screenshot({ path: `${screenshotDir}/en-inbox-filters.png` });
  await page.getByText('Reset filters').click();
  await expect(page.getByTestId('empty-inbox')).toContainText('No chats yet');
});
