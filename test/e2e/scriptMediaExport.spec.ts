import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Download } from '@playwright/test';
import { expect, generatedFilesFolder, test } from './fixtures';
import { holdPiece } from './holdPiece';

// A script whose media are far more than one RPC frame (8 MB), one video alone 40 MB, through the
// scripts page both ways: import with its files (each uploaded piece by piece), export (each file read
// in pieces, saved next to the JSON), and the exported files imported again. The files are written to
// a temp folder (Playwright passes large files by path, and nothing big is committed).

// The generated files are tens of MB: removed after each test, passed or failed.
const tempFolder = generatedFilesFolder();

const promo = randomBytes(40 * 1024 * 1024);
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

test('a script with a 40 MB and a 5 MB video named alike in two folders imports, exports and imports again from the scripts page', async ({ page, voronka }) => {
  test.setTimeout(300_000);
  // The third piece of the first video is held, so its progress shows whatever the machine's speed.
  const hold = await holdPiece(page, 3);
  await page.goto(voronka.url);
  await page.getByTestId('nav-scripts').click();
  const dir = tempFolder();
  // Named as an export names them: after their whole path, so the two offer.mp4 stay apart.
  const picked: [string, Buffer][] = [
    ['two.json', Buffer.from(JSON.stringify(script))],
    ['promo__offer.mp4', promo],
    ['bonus__offer.mp4', bonus],
  ];
  for (const [name, bytes] of picked) writeFileSync(join(dir, name), bytes);
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('import-script').click();
  await (await chooser).setFiles(picked.map(([name]) => join(dir, name)));
  await expect(page.getByRole('dialog', { name: 'Copying the script’s media files (1 of 2)' })).toBeVisible();
  await expect(page.getByTestId('import-upload-bar')).toHaveAttribute('data-sent', String(8 * 1024 * 1024));
  hold.release();
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
  // Downloads are saved under random names: the files go back under the names the export gave them.
  const back = tempFolder();
  for (const f of files) writeFileSync(join(back, f.name), f.bytes);
  await (await again).setFiles(files.map((f) => join(back, f.name)));
  await expect(page).toHaveURL(new RegExp(`#/scripts/(?!${id}$)\\d+$`), { timeout: 60_000 });
});
