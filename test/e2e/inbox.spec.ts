import { expect, screenshotDir, test } from './fixtures';
import { journeyLeads } from '../support/seedPlans';

test.use({ seed: 'inbox' });

test('in the inbox an operator takes over a chat, writes, and releases it to a chosen step', async ({ page, voronka }) => {
  await page.goto(voronka.url);
  await page.getByTestId('nav-inbox').click();
  const rows = page.locator('[data-testid^="chat-row-"]');
  await expect(rows).toHaveCount(journeyLeads.length);
  await expect(page.getByTestId('inbox-total')).toHaveText(`Chats: ${journeyLeads.length}`);

  // Anna wrote once; the A/B router greeted her and the funnel waits for her answer.
  await rows.filter({ hasText: 'Анна' }).click();
  await expect(page).toHaveURL(/[?&]lead=\d+/);
  const conversation = page.getByTestId('conversation');
  await expect(conversation.getByTestId('message-lead')).toContainText('Увидела вашу рекламу');
  await expect(conversation.getByTestId('message-bot').first()).toBeVisible();
  await expect(conversation).toContainText('Приветствие');
  // At 1280 px the lead card opens as a drawer from the conversation header (a column from 1440 px).
  await page.getByTestId('lead-card-open').click();
  await expect(page.getByTestId('lead-card')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('lead-card')).toHaveCount(0);
  await page.screenshot({ path: `${screenshotDir}/en-inbox-chat.png` });

  // Take over: the bot stops for this lead and the actions switch to release.
  await page.getByTestId('takeover').click();
  await expect(page.getByTestId('release-menu')).toBeVisible();
  await expect(page.getByTestId('takeover')).toHaveCount(0);
  await expect(page.getByTestId('operator-input')).toHaveAttribute('placeholder', /.+/);
  const botBefore = await conversation.getByTestId('message-bot').count();

  // The operator writes as the account: the message shows as the operator's.
  await page.getByTestId('operator-input').fill('Здравствуйте, Анна! Я менеджер, помогу с регистрацией.');
  await page.getByTestId('operator-send').click();
  await expect(conversation.getByTestId('message-operator')).toContainText('Я менеджер, помогу с регистрацией');
  await expect(page.getByTestId('operator-input')).toHaveValue('');
  // The chat list shows the lead as handled by a human.
  await expect(rows.filter({ hasText: 'Анна' })).toContainText(/manual/i);
  await page.screenshot({ path: `${screenshotDir}/en-inbox-takeover.png` });

  // Release to a chosen step of another flow: the funnel resumes there and sends that step.
  await page.getByTestId('release-menu').click();
  await page.getByTestId('release-choose').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Flow').click();
  await page.getByRole('option', { name: 'Регистрация' }).click();
  await page.getByTestId('release-step').click();
  await page.getByRole('option', { name: 'Вопрос про опыт' }).click();
  await page.screenshot({ path: `${screenshotDir}/en-inbox-release.png` });
  await page.getByTestId('release-confirm').click();

  await expect(page.getByTestId('takeover')).toBeVisible();
  await expect(page.getByTestId('release-menu')).toHaveCount(0);
  await expect(conversation).toContainText('Вопрос про опыт');
  await expect.poll(() => conversation.getByTestId('message-bot').count()).toBeGreaterThan(botBefore);
  await expect(conversation.getByTestId('message-bot').last()).toContainText('был ли у вас уже опыт');
  await page.screenshot({ path: `${screenshotDir}/en-inbox-released.png` });
  expect(voronka.output()).not.toMatch(/"lvl":"error"/);
});
