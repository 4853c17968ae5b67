import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { rpcSocket } from '../support/rpcSocket';
import { expect, openChat, test } from './fixtures';
import { checkLayout, windowSizes } from './layoutCheck';

// The editor's attachment is a picked file, copied into the data folder and previewed; published, it
// reaches a sandbox lead as a photo through the real MTProto client.
test.use({ hostArgs: ['--sandbox-telegram'] });

/** A real 1×1 PNG, so the preview is a decodable image. */
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

for (const size of windowSizes) {
  test(`media at ${size.width}×${size.height}: pick a file in the message step, see its preview, publish, the lead gets the photo`, async ({ page, voronka }) => {
    test.setTimeout(300_000);
    await page.setViewportSize(size);
    const rpc = await rpcSocket(voronka.url);
    const [sandbox] = await rpc.call<{ id: number }[]>('accounts.list', {});
    if (!sandbox) throw new Error('the sandbox account is missing');
    const { id: scriptId } = await rpc.call<{ id: number }>('scripts.create', { name: 'Photo greeting' });
    // Published first: an account runs only a published script.
    await rpc.call('scripts.publish', { id: scriptId, body: (await rpc.call<{ body: unknown }>('scripts.get', { id: scriptId })).body, revision: 0 });
    await rpc.call('accounts.update', { id: sandbox.id, scriptId });

    await page.goto(`${voronka.url}#/scripts/${scriptId}`);
    await page.locator('[data-testid="node-hello"]').click();
    await expect(page.getByTestId('media-drop-0')).toBeVisible();
    await page.getByTestId('media-file-0').setInputFiles({ name: 'welcome.png', mimeType: 'image/png', buffer: png });

    // Copied into the data folder's media library under its content hash, and previewed from there.
    const preview = page.getByTestId('media-preview-0');
    await expect(preview).toBeVisible();
    await expect(preview).toHaveAttribute('src', /^data:image\/png;base64,/);
    await expect(page.getByTestId('media-drop-0')).toContainText('In the data folder');
    expect(readdirSync(join(voronka.dataDir, 'media', 'library'))).toEqual([expect.stringMatching(/^[0-9a-f]{32}\.png$/)]);
    expect(await checkLayout(page, 'media-editor')).toEqual([]);

    await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
    await page.getByTestId('publish').click();
    await expect(page.getByText('Published', { exact: true })).toBeVisible();

    // A sandbox lead writes: the greeting goes out with the photo.
    await rpc.call('sandbox.userWrites', { name: 'Фото Лид', text: 'Привет' });
    rpc.close();
    await page.getByTestId('nav-inbox').click();
    await openChat(page, 'Фото Лид', 60_000);
    const bot = page.getByTestId('conversation').getByTestId('message-bot').first();
    await expect(bot.getByTestId('delivery')).toHaveAttribute('data-status', 'sent', { timeout: 90_000 });
    await expect(bot.getByTestId('message-photo')).toBeVisible();
    expect(await checkLayout(page, 'media-chat')).toEqual([]);
    expect(voronka.output()).not.toMatch(/"lvl":"error"/);
  });
}
