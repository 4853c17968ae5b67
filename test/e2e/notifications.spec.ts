import type { Page } from '@playwright/test';
import { rpcSocket } from '../support/rpcSocket';
import { expect, test } from './fixtures';
import { checkLayout, windowSizes } from './layoutCheck';

// The whole app against the sandbox Telegram: each way a chat comes to need a person raises a desktop
// notification (the browser Notification API, native in Electron), and clicking it opens that chat.
test.use({ hostArgs: ['--sandbox-telegram'] });

/**
 * Runs before the app: records every `new Notification(…)` (the real constructor still runs) and lets
 * the test put the window "in the background" (document.hasFocus() false), as when the operator works
 * in another app — the case desktop notifications are for.
 */
const recordNotifications = `
  window.__notes = [];
  window.__away = false;
  const Real = window.Notification;
  window.Notification = new Proxy(Real, {
    construct(target, args) {
      const note = Reflect.construct(target, args);
      window.__notes.push({ title: String(args[0]), body: String((args[1] && args[1].body) || ''), note });
      return note;
    },
  });
  const hasFocus = Document.prototype.hasFocus;
  Document.prototype.hasFocus = function () { return window.__away ? false : hasFocus.call(this); };
`;

interface Note {
  title: string;
  body: string;
}

const notes = (page: Page): Promise<Note[]> => page.evaluate('window.__notes.map(({ title, body }) => ({ title, body }))');

/** Clicks the recorded notification whose title has `text`, as the operator clicks it on the desktop. */
async function clickNote(page: Page, text: string): Promise<void> {
  await page.evaluate(`(() => {
    const found = window.__notes.find((n) => n.title.includes(${JSON.stringify(text)}));
    window.__away = false;
    found.note.dispatchEvent(new Event('click'));
  })()`);
}

for (const size of windowSizes) {
  test(`desktop notifications at ${size.width}×${size.height}: handover, send failed and account limited each notify and open their chat`, async ({ page, context, voronka }) => {
    test.setTimeout(300_000);
    await context.grantPermissions(['notifications']);
    await page.addInitScript(recordNotifications);
    await page.setViewportSize(size);

    // A plain script (greeting → operator) on the sandbox account, so a second message hands over.
    const rpc = await rpcSocket(voronka.url);
    const accounts = await rpc.call<{ id: number; phone: string | null }[]>('accounts.list', {});
    const sandbox = accounts[0];
    if (!sandbox) throw new Error('the sandbox account is missing');
    const { id: scriptId } = await rpc.call<{ id: number }>('scripts.create', { name: 'Notifications' });
    // Published first: an account runs only a published script.
    await rpc.call('scripts.publish', { id: scriptId, body: (await rpc.call<{ body: unknown }>('scripts.get', { id: scriptId })).body, revision: 0 });
    await rpc.call('accounts.update', { id: sandbox.id, scriptId });

    await page.goto(voronka.url);
    await page.getByTestId('nav-inbox').click();
    await expect(page.getByTestId('sandbox-simulator')).toBeVisible({ timeout: 60_000 });
    await page.evaluate('window.__away = true');

    // 1. Handed over by the script: the greeting got an answer.
    await rpc.call('sandbox.userWrites', { name: 'Ника Handover', text: 'Привет' });
    // The greeting must be out before the answer (two quick messages are read as one).
    await expect.poll(async () => {
      const lead = (await rpc.call<{ rows: { id: number; name: string }[] }>('leads.list', {})).rows.find((r) => r.name === 'Ника Handover');
      const messages = lead ? await rpc.call<{ direction: string; status: string }[]>('leads.messages', { id: lead.id }) : [];
      return messages.some((m) => m.direction === 'out' && m.status === 'sent');
    }, { timeout: 90_000 }).toBe(true);
    await rpc.call('sandbox.userWrites', { name: 'Ника Handover', text: 'Да, расскажите' });
    await expect.poll(async () => (await notes(page)).map((n) => n.title), { timeout: 90_000 }).toContainEqual('A chat needs a human: Ника Handover');

    // 2. Send failed: the person blocked the account, so the greeting is refused for good.
    await rpc.call('sandbox.telegramTrouble', { name: 'Борис Blocked', kind: 'blocks' });
    await rpc.call('sandbox.userWrites', { name: 'Борис Blocked', text: 'Здравствуйте' });
    await expect.poll(async () => (await notes(page)).map((n) => n.title), { timeout: 90_000 }).toContainEqual('A message was not sent: Борис Blocked');
    // Telegram's USER_IS_BLOCKED, in plain words.
    expect((await notes(page)).find((n) => n.title.includes('Борис'))?.body).toContain('this person blocked the account');

    // 3. Account limited: Telegram answers PEER_FLOOD; sending pauses (last: nothing goes out after it).
    await rpc.call('sandbox.telegramTrouble', { name: 'Лиза Limited', kind: 'limits' });
    await rpc.call('sandbox.userWrites', { name: 'Лиза Limited', text: 'Добрый день' });
    await expect.poll(async () => (await notes(page)).map((n) => n.title), { timeout: 90_000 }).toContainEqual('Telegram limited the account: Лиза Limited');
    rpc.close();

    // Each notification opens its own chat.
    const conversation = page.getByTestId('conversation');
    for (const name of ['Борис Blocked', 'Лиза Limited', 'Ника Handover']) {
      await page.getByTestId('nav-scripts').click();
      await clickNote(page, name);
      await expect(page).toHaveURL(/#\/inbox\?lead=\d+/);
      await expect(conversation).toBeVisible();
      const rowId = await page.locator('[data-testid^="chat-row-"]').filter({ hasText: name }).getAttribute('data-testid');
      expect(new URL(page.url()).hash).toBe(`#/inbox?lead=${rowId?.replace('chat-row-', '')}`);
    }
    // The blocked person's refused greeting shows as failed in the chat the notification opened.
    await page.getByTestId('nav-scripts').click();
    await clickNote(page, 'Борис Blocked');
    await expect(conversation.getByTestId('message-bot').last().getByTestId('delivery')).toHaveAttribute('data-status', 'failed', { timeout: 60_000 });
    expect(await checkLayout(page, 'notifications-chat')).toEqual([]);
  });
}
