import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { rpcSocket } from '../support/rpcSocket';
import { expect, generatedFilesFolder, screenshotDir, test } from './fixtures';
import { holdPiece } from './holdPiece';
import { checkLayout } from './layoutCheck';
import type { RunningHeadless } from '../support/headlessProcess';

// A video far over one RPC frame (8 MB) picked in the message step's media picker: it goes up piece
// by piece with a progress bar, can be cancelled, and a file over Telegram's limit is refused in the
// UI language. The big files are written to a temp folder here, never committed.

const library = (dataDir: string): string[] => (existsSync(join(dataDir, 'media', 'library')) ? readdirSync(join(dataDir, 'media', 'library')) : []);
const pending = (dataDir: string): string[] => (existsSync(join(dataDir, 'media', '.uploads')) ? readdirSync(join(dataDir, 'media', '.uploads')) : []);


// The generated files are tens of MB: removed after each test, passed or failed.
const tempFolder = generatedFilesFolder();

/** A script whose greeting step is open in the editor, with its media picker shown. */
async function openGreeting(page: Page, voronka: RunningHeadless, language: 'en' | 'ru' = 'en'): Promise<void> {
  const rpc = await rpcSocket(voronka.url);
  if (language !== 'en') await rpc.call('settings.set', { language });
  const { id } = await rpc.call<{ id: number }>('scripts.create', { name: 'Payout proof' });
  rpc.close();
  await page.goto(`${voronka.url}#/scripts/${id}`);
  await page.locator('[data-testid="node-hello"]').click();
  await expect(page.getByTestId('media-drop-0')).toBeVisible();
}

test('a 40 MB video picked in the media picker goes up in pieces with a progress bar and lands in the library', async ({ page, voronka }) => {
  const dir = tempFolder();
  const video = randomBytes(40 * 1024 * 1024);
  writeFileSync(join(dir, 'proof.mp4'), video);
  const hold = await holdPiece(page, 3);
  // The smallest window the app supports: the bar and its cancel button still fit the inspector.
  await page.setViewportSize({ width: 1024, height: 700 });
  await openGreeting(page, voronka);

  await page.getByTestId('media-file-0').setInputFiles(join(dir, 'proof.mp4'));
  // Two pieces in, the third held: the bar shows 8 of 40 MB.
  const bar = page.getByTestId('media-upload-0-bar');
  await expect(bar).toHaveAttribute('data-sent', String(8 * 1024 * 1024));
  await expect(bar).toHaveAttribute('data-total', String(video.length));
  await expect(page.getByTestId('media-upload-0')).toContainText('8 MB of 40 MB');
  await page.screenshot({ path: `${screenshotDir}/media-upload-progress.png` });
  expect(await checkLayout(page, 'media-upload-progress')).toEqual([]);
  expect(pending(voronka.dataDir)).toHaveLength(1);
  expect(library(voronka.dataDir)).toEqual([]);
  hold.release();

  // Listed in the step as a stored video, byte for byte in the library, no temporary file left.
  await expect(page.getByTestId('media-drop-0')).toContainText('In the data folder: 40 MB', { timeout: 120_000 });
  await expect(page.getByTestId('media-preview-0')).toBeVisible();
  await expect(page.getByTestId('media-drop-0').getByRole('combobox', { name: 'Attachment' })).toHaveValue('Video');
  const [stored, ...others] = library(voronka.dataDir);
  expect(others).toEqual([]);
  expect(stored).toMatch(/^[0-9a-f]{32}\.mp4$/);
  expect(readFileSync(join(voronka.dataDir, 'media', 'library', stored!)).equals(video)).toBe(true);
  expect(pending(voronka.dataDir)).toEqual([]);
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  expect(voronka.output()).not.toMatch(/"lvl":"error"/);
});

test('cancelling an upload midway leaves nothing in the library', async ({ page, voronka }) => {
  const dir = tempFolder();
  writeFileSync(join(dir, 'demo.mp4'), randomBytes(20 * 1024 * 1024));
  const hold = await holdPiece(page, 2);
  await openGreeting(page, voronka);

  await page.getByTestId('media-file-0').setInputFiles(join(dir, 'demo.mp4'));
  await expect(page.getByTestId('media-upload-0-bar')).toHaveAttribute('data-sent', String(4 * 1024 * 1024));
  await page.getByTestId('media-upload-0-cancel').click();
  hold.release();
  await expect(page.getByTestId('media-drop-0')).toContainText('Cancelled: nothing was added');
  // The picker is back, with nothing attached; the partial file is gone.
  await expect(page.getByTestId('media-drop-0')).toContainText('Drop a photo, video, voice note or file here');
  await expect.poll(() => pending(voronka.dataDir)).toEqual([]);
  expect(library(voronka.dataDir)).toEqual([]);
});

test('a file over Telegram’s 2000 MB limit is refused in the UI language before anything is sent', async ({ page, voronka }) => {
  const dir = tempFolder();
  // Sparse: 2001 MB long without taking the disk space.
  writeFileSync(join(dir, 'huge.mp4'), '');
  truncateSync(join(dir, 'huge.mp4'), 2001 * 1024 * 1024);
  await openGreeting(page, voronka, 'ru');

  await page.getByTestId('media-file-0').setInputFiles(join(dir, 'huge.mp4'));
  await expect(page.getByTestId('media-drop-0')).toContainText('Файл больше 2000 МБ — это предел Telegram для файлов от аккаунта');
  expect(pending(voronka.dataDir)).toEqual([]);
  expect(library(voronka.dataDir)).toEqual([]);
});
