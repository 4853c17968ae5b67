import { expect, openChat, screenshotDir, test } from './fixtures';
import { checkLayout, windowSizes } from './layoutCheck';

// The whole app against the in-process test Telegram: a simulated user writes, the funnel answers
// through the real MTProto client, and the open chat follows without a reload.
test.use({ hostArgs: ['--sandbox-telegram'] });

for (const size of windowSizes) {
  test.describe(`at ${size.width}×${size.height}`, () => {
    test('live: unread counter in the sidebar, "typing…" and queued → sent in the open chat', async ({ page, voronka }) => {
      await page.setViewportSize(size);
      test.setTimeout(180_000);
      await page.goto(voronka.url);
      await page.getByTestId('nav-inbox').click();
      await expect(page.getByTestId('sandbox-simulator')).toBeVisible({ timeout: 180_000 });

      await page.getByTestId('sandbox-simulator').getByLabel('Name').fill('Лена Live');
      await page.getByTestId('sandbox-text').fill('Привет!');
      await page.getByTestId('sandbox-send').click();

      // A new chat with an unread message: the Inbox entry counts it.
      const row = page.locator('[data-testid^="chat-row-"]').filter({ hasText: 'Лена Live' });
      await expect(row).toBeVisible({ timeout: 180_000 });
      await expect(page.getByTestId('nav-inbox-unread')).toHaveText('1');
      await openChat(page, 'Лена Live');
      // Opening the chat reads it: the counter goes.
      await expect(page.getByTestId('nav-inbox-unread')).toHaveCount(0);

      // The greeting goes out live: its status becomes "sent" with no reload.
      const conversation = page.getByTestId('conversation');
      await expect(conversation.getByTestId('message-bot').first()).toBeVisible({ timeout: 180_000 });
      await expect(conversation.getByTestId('message-bot').last().getByTestId('delivery')).toHaveAttribute('data-status', 'sent', { timeout: 180_000 });
      const before = await conversation.getByTestId('message-bot').count();

      // The user answers while the chat is open: the bot is shown typing, then its reply arrives sent.
      await page.getByTestId('sandbox-text').fill('Да, интересно');
      await page.getByTestId('sandbox-send').click();
      await expect(conversation.getByTestId('bot-typing')).toBeVisible({ timeout: 180_000 });
      await page.screenshot({ path: `${screenshotDir}/en-live-typing.png` });
      await expect.poll(() => conversation.getByTestId('message-bot').count(), { timeout: 180_000 }).toBeGreaterThan(before);
      await expect(conversation.getByTestId('message-bot').last().getByTestId('delivery')).toHaveAttribute('data-status', 'sent', { timeout: 180_000 });
      await expect(conversation.getByTestId('bot-typing')).toHaveCount(0, { timeout: 180_000 });
      await page.screenshot({ path: `${screenshotDir}/en-live-sent.png` });
      expect(await checkLayout(page, 'live-sent')).toEqual([]);
      expect(voronka.output()).not.toMatch(/"lvl":"error"/);
    });
  });
}

test('sandbox bar: a voice note and a sticker from the paperclip menu show in the chat as what they are', async ({ page, voronka }) => {
  test.setTimeout(180_000);
  await page.goto(voronka.url);
  await page.getByTestId('nav-inbox').click();
  await expect(page.getByTestId('sandbox-simulator')).toBeVisible({ timeout: 180_000 });
  await page.getByTestId('sandbox-simulator').getByLabel('Name').fill('Media Lead');
  await page.getByTestId('sandbox-media').click();
  await page.getByTestId('sandbox-media-voice').click();
  await openChat(page, 'Media Lead', 180_000);
  const conversation = page.getByTestId('conversation');
  await expect(conversation.getByTestId('message-voice')).toBeVisible({ timeout: 180_000 });
  await page.getByTestId('sandbox-media').click();
  await page.getByTestId('sandbox-media-sticker').click();
  await expect(conversation.getByTestId('message-lead').filter({ hasText: '👍' })).toBeVisible({ timeout: 180_000 });
  await page.screenshot({ path: `${screenshotDir}/en-sandbox-media.png` });
  expect(voronka.output()).not.toMatch(/"lvl":"error"/);
});
