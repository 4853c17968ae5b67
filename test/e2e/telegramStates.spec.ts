import { rpcSocket } from '../support/rpcSocket';
import { expect, openChat, screenshotDir, test } from './fixtures';

// Issue 10 from the operator's seat, against the sandbox host's local Telegram: the account limited
// by Telegram (PEER_FLOOD) with what to do and Resume, the device profile editor, and "read" arriving
// live in the open chat when the lead reads our reply.
test.use({ hostArgs: ['--sandbox-telegram'] });

test('limited by Telegram (PEER_FLOOD): the Accounts page says why and what to do; Resume lifts it', async ({ page, voronka }) => {
  test.setTimeout(300_000);
  const rpc = await rpcSocket(voronka.url);
  await page.goto(voronka.url);
  await page.getByTestId('nav-accounts').click();
  await expect(page.getByTestId('account-list')).toContainText('Sandbox', { timeout: 180_000 });
  await rpc.call('sandbox.telegramTrouble', { name: 'Лена Limit', kind: 'limits' });
  await rpc.call('sandbox.userWrites', { name: 'Лена Limit', text: 'Привет!' });

  const limited = page.getByTestId('account-limited');
  await expect(limited).toBeVisible({ timeout: 180_000 });
  await expect(limited).toContainText('PEER_FLOOD');
  await expect(limited).toContainText('@SpamBot');
  await page.getByTestId('account-list').screenshot({ path: `${screenshotDir}/en-account-limited.png` });
  await limited.getByRole('button', { name: 'Resume sending' }).click();
  await expect(limited).toHaveCount(0, { timeout: 60_000 });
  // The lead's greeting was kept, not dropped: it goes out once sending resumes.
  await expect
    .poll(async () => {
      const list = await rpc.call<{ rows: { id: number; name: string }[] }>('leads.list', { filters: {}, cursor: null, limit: 10 });
      const lead = list.rows.find((r) => r.name.includes('Лена Limit'));
      if (!lead) return 'no lead';
      const messages = await rpc.call<{ direction: string; status: string }[]>('leads.messages', { id: lead.id, beforeId: null, limit: 20 });
      return messages.filter((m) => m.direction === 'out').map((m) => m.status)[0] ?? 'none';
    }, { timeout: 180_000 })
    .toBe('sent');
  rpc.close();
});

test('device profile: edited on the Accounts page, checked like the RPC checks it, shown in the account health', async ({ page, voronka }) => {
  test.setTimeout(300_000);
  await page.goto(voronka.url);
  await page.getByTestId('nav-accounts').click();
  const list = page.getByTestId('account-list');
  await expect(list).toContainText('Sandbox', { timeout: 180_000 });
  await list.getByRole('button', { name: 'Actions' }).first().click();
  await page.getByRole('menuitem', { name: 'Device profile' }).click();
  const modal = page.getByRole('dialog', { name: 'Device profile' });
  await expect(modal).toBeVisible();
  await modal.getByLabel('Device model').fill('Pixel 8');
  await modal.getByLabel('App version').fill('');
  // An empty value cannot be saved: the field says so and nothing is sent.
  await expect(modal.getByRole('button', { name: 'Save' })).toBeDisabled();
  await modal.getByLabel('App version').fill('10.14.5');
  await modal.getByRole('button', { name: 'Save' }).click();
  await expect(modal).toHaveCount(0);
  await expect(page.getByTestId('account-health').first()).toContainText('Pixel 8', { timeout: 60_000 });
  await expect(page.getByTestId('account-health').first()).toContainText('10.14.5');
  const rpc = await rpcSocket(voronka.url);
  const accounts = await rpc.call<{ device: { deviceModel: string; appVersion: string } }[]>('accounts.list', {});
  expect(accounts[0]?.device).toMatchObject({ deviceModel: 'Pixel 8', appVersion: '10.14.5' });
  rpc.close();
});

test('read receipts: the bot’s message turns "read" in the open chat when the lead reads it', async ({ page, voronka }) => {
  test.setTimeout(300_000);
  await page.goto(voronka.url);
  await page.getByTestId('nav-inbox').click();
  await expect(page.getByTestId('sandbox-simulator')).toBeVisible({ timeout: 180_000 });
  await page.getByTestId('sandbox-simulator').getByLabel('Name').fill('Лена Read');
  await page.getByTestId('sandbox-text').fill('Привет!');
  await page.getByTestId('sandbox-send').click();
  await openChat(page, 'Лена Read', 180_000);
  const conversation = page.getByTestId('conversation');
  const delivery = conversation.getByTestId('message-bot').last().getByTestId('delivery');
  await expect(delivery).toHaveAttribute('data-status', 'sent', { timeout: 180_000 });
  const rpc = await rpcSocket(voronka.url);
  await rpc.call('sandbox.userReads', { name: 'Лена Read' });
  rpc.close();
  await expect(delivery).toHaveAttribute('data-status', 'read', { timeout: 60_000 });
  await expect(delivery).toHaveAttribute('aria-label', 'Read');
  expect(voronka.output()).not.toMatch(/"lvl":"error"/);
});
