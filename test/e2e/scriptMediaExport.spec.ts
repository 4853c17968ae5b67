import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Download } from '@playwright/test';
import { expect, test } from './fixtures';

// A script whose media total more than one RPC frame (8 MB), through the scripts page both ways:
// import with its files (each stored by its own request), export (each file read in pieces, saved
// next to the JSON), and the exported files imported again.

const promo = randomBytes(5 * 1024 * 1024);
const bonus = randomBytes(5 * 1024 * 1024);
const script = {
  formatVersion: 1,
  name: 'Two videos',
  startFlow: 'main',
  flows: [
    {
      id: 'main',
      name: 'Main',
      start: 'hi',
      steps: [
        {
          id: 'hi',
          type: 'message',
          messages: [
            { text: 'Promo', media: { kind: 'video', path: 'media/promo/offer.mp4' } },
            { text: 'Bonus', media: { kind: 'video', path: 'media/bonus/offer.mp4' } },
          ],
        },
      ],
    },
  ],
};

test('a script with two 5 MB videos named alike in two folders imports, exports and imports again from the scripts page', async ({ page, voronka }) => {
  test.setTimeout(300_000);
  await page.goto(voronka.url);
  await page.getByTestId('nav-scripts').click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('import-script').click();
  await (await chooser).setFiles([
    { name: 'two.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(script)) },
    // Named as an export names them: after their whole path, so the two offer.mp4 stay apart.
    { name: 'promo__offer.mp4', mimeType: 'video/mp4', buffer: promo },
    { name: 'bonus__offer.mp4', mimeType: 'video/mp4', buffer: bonus },
  ]);
  await expect(page).toHaveURL(/#\/scripts\/\d+$/, { timeout: 60_000 });
  const id = /#\/scripts\/(\d+)$/.exec(page.url())?.[1];

  await page.getByLabel('Back to scripts').click();
  const downloads: Download[] = [];
  page.on('download', (d) => downloads.push(d));
  await page.getByTestId(`script-actions-${id}`).click();
  await page.getByTestId('export-script').click();
  await expect.poll(() => downloads.length, { timeout: 120_000 }).toBe(3);
  const files = await Promise.all(downloads.map(async (d) => ({ name: d.suggestedFilename(), bytes: readFileSync(await d.path()) })));
  const json = files.find((f) => f.name.endsWith('.json'));
  const media = files.filter((f) => f !== json);
  // Each message points at its own file, saved byte for byte.
  const exported = JSON.parse(json?.bytes.toString('utf8') ?? '{}') as typeof script;
  const names = exported.flows[0]!.steps[0]!.messages.map((m) => m.media.path.split('/').at(-1));
  expect(media.find((f) => f.name === names[0])?.bytes.equals(promo)).toBe(true);
  expect(media.find((f) => f.name === names[1])?.bytes.equals(bonus)).toBe(true);

  // The exported files imported again: a second script, no file reported missing.
  const again = page.waitForEvent('filechooser');
  await page.getByTestId('import-script').click();
  await (await again).setFiles(files.map((f) => ({ name: f.name, mimeType: f.name.endsWith('.json') ? 'application/json' : 'video/mp4', buffer: f.bytes })));
  await expect(page).toHaveURL(new RegExp(`#/scripts/(?!${id}$)\\d+$`), { timeout: 60_000 });
});
