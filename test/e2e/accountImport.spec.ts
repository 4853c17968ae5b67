import { readFileSync } from 'node:fs';
import { startHeadless, type RunningHeadless } from '../support/headlessProcess';
import { fromParts, pyrogramString, sessionJson, telethonSessionFile } from '../support/import/sessionFixtures';
import { rpcSocket } from '../support/rpcSocket';
import { expect, screenshotDir, test } from './fixtures';

/**
 * Bringing accounts in, against the sandbox host's local Telegram server: its sandbox.* methods
 * issue sessions (as a shop or Telegram Desktop would hand them over) and scan QR codes as a
 * signed-in phone. Fixtures are written here from those sessions; nothing is downloaded.
 */
let host: RunningHeadless;
test.beforeEach(async () => {
  host = await startHeadless({ args: ['--sandbox-telegram'] });
});
test.afterEach(async () => {
  await host.stop();
});

const apiHash = '0123456789abcdef0123456789abcdef';

test('import wizard: a mixed batch gives one row per account (good, duplicate, dead, wrong format)', async ({ page }) => {
  const rpc = await rpcSocket(host.url);
  const issue = async (name: string, state: 'good' | 'dead' | 'banned') => {
    const s = await rpc.call<{ dcId: number; authKeyBase64: string; userId: number }>('sandbox.issueSession', { name, state });
    return fromParts({ dcId: s.dcId, authKey: Buffer.from(s.authKeyBase64, 'base64'), userId: s.userId });
  };
  const shop = await issue('Shop Account', 'good');
  const pyro = await issue('Pyro Account', 'good');
  const dead = await issue('Dead Account', 'dead');
  const banned = await issue('Banned Account', 'banned');
  rpc.close();

  await page.goto(host.url);
  await page.getByTestId('nav-accounts').click();
  await expect(page.getByTestId('account-list')).toContainText('Sandbox');
  await page.getByTestId('import-accounts').click();
  await page.getByTestId('import-files').setInputFiles([
    { name: '79990001.session', mimeType: 'application/octet-stream', buffer: telethonSessionFile(shop) },
    { name: '79990001.json', mimeType: 'application/json', buffer: sessionJson({ app_id: 2496, app_hash: '8da85b0d5bfe62527e5b244c209159c3', device: 'Samsung SM-G998B', sdk: 'SDK 33', app_version: '10.14.5', lang_pack: 'ru', system_lang_pack: 'ru-RU' }) },
    { name: 'photo.jpg', mimeType: 'image/jpeg', buffer: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]) },
  ]);
  // The same shop session again (a duplicate), a Pyrogram string, a dead and a banned session, pasted.
  await page.getByTestId('import-text').fill([pyrogramString(pyro), shop.gramjs, dead.gramjs, banned.gramjs].join('\n'));
  await page.getByTestId('import-api-id').fill('7');
  await page.getByTestId('import-api-hash').fill(apiHash);
  await page.getByTestId('import-run').click();

  const rows = page.getByTestId('import-row');
  await expect(rows).toHaveCount(6);
  await expect(page.getByTestId('import-results')).toContainText('2 imported, 1 skipped, 3 not imported');
  const outcomes = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-outcome')));
  expect(outcomes).toEqual(['imported', 'wrong_format', 'imported', 'already_present', 'dead', 'banned']);
  await expect(page.getByTestId('import-results')).toContainText('Never run one session in two places at once');
  await page.getByTestId('import-results').screenshot({ path: `${screenshotDir}/en-accounts-import.png` });

  await page.keyboard.press('Escape');
  const list = page.getByTestId('account-list');
  await expect(list).toContainText('Shop Account');
  await expect(list).toContainText('Pyro Account');
  // The imported account keeps the device of its .json, shown in its health.
  await expect(list).toContainText('Samsung SM-G998B');
  await expect(list.getByText('Online')).toHaveCount(3);
  await page.screenshot({ path: `${screenshotDir}/en-accounts-health.png`, fullPage: true });
});

test('QR login: the code is shown, a signed-in phone scans it, the account appears online', async ({ page }) => {
  await page.goto(host.url);
  await page.getByTestId('nav-accounts').click();
  await page.getByTestId('add-account').click();
  await page.getByTestId('tab-qr').click();
  await page.getByLabel('API id').fill('7');
  await page.getByLabel('API hash').fill(apiHash);
  await page.getByTestId('login-start').click();
  const qr = page.getByTestId('qr-image');
  await expect(qr).toBeVisible();
  const url = (await qr.getAttribute('data-url')) ?? '';
  expect(url).toMatch(/^tg:\/\/login\?token=/);
  await page.screenshot({ path: `${screenshotDir}/en-accounts-qr.png`, fullPage: true });

  const rpc = await rpcSocket(host.url);
  expect(await rpc.call('sandbox.scanQr', { url, name: 'QR Phone' })).toEqual({ scanned: true });
  rpc.close();
  await expect(page.getByTestId('login-wizard')).toContainText('QR Phone is signed in');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('account-list')).toContainText('QR Phone');
});

test('export to another machine: a password-sealed file, refused with a wrong password, imported with the right one', async ({ page }) => {
  const rpc = await rpcSocket(host.url);
  const s = await rpc.call<{ dcId: number; authKeyBase64: string; userId: number }>('sandbox.issueSession', { name: 'Mover Account', state: 'good' });
  rpc.close();
  const mover = fromParts({ dcId: s.dcId, authKey: Buffer.from(s.authKeyBase64, 'base64'), userId: s.userId });

  await page.goto(host.url);
  await page.getByTestId('nav-accounts').click();
  await page.getByTestId('import-accounts').click();
  await page.getByTestId('import-text').fill(mover.gramjs);
  await page.getByTestId('import-api-id').fill('7');
  await page.getByTestId('import-api-hash').fill(apiHash);
  await page.getByTestId('import-run').click();
  await expect(page.getByTestId('import-row')).toHaveAttribute('data-outcome', 'imported');
  await page.keyboard.press('Escape');

  const row = page.getByTestId('account-list').locator('tr', { hasText: 'Mover Account' });
  await row.getByRole('button', { name: 'Actions' }).click();
  await page.getByTestId('account-export').click();
  await page.getByTestId('export-password').fill('correct horse');
  await page.getByTestId('export-password-repeat').fill('correct hors');
  await expect(page.getByTestId('export-account')).toContainText('The passwords differ');
  await expect(page.getByTestId('export-save')).toBeDisabled();
  await page.getByTestId('export-password-repeat').fill('correct horse');
  await page.getByRole('dialog', { name: 'Export this account' }).screenshot({ path: `${screenshotDir}/en-accounts-export.png` });
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-save').click()]);
  expect(download.suggestedFilename()).toMatch(/\.voronka-account$/);
  const path = await download.path();
  const file = { name: download.suggestedFilename(), mimeType: 'application/json', buffer: readFileSync(path) };
  expect(file.buffer.toString('utf8')).toContain('"format": "voronka-account-export"');
  expect(file.buffer.toString('utf8')).not.toContain(mover.gramjs.slice(0, 40));

  // "This machine" lets the account go (Remove, not Log out), then "the other one" imports the file.
  await row.getByRole('button', { name: 'Actions' }).click();
  await page.getByRole('menuitem', { name: 'Remove' }).click();
  await page.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByTestId('account-list')).not.toContainText('Mover Account');

  await page.getByTestId('import-accounts').click();
  await page.getByTestId('import-files').setInputFiles([file]);
  await page.getByTestId('import-export-password').fill('wrong password');
  await page.getByTestId('import-run').click();
  await expect(page.getByTestId('import-row')).toHaveAttribute('data-outcome', 'export_password');
  await expect(page.getByTestId('import-results')).toContainText('Needs export password');
  await page.getByTestId('import-more').click();
  await page.getByTestId('import-export-password').fill('correct horse');
  await page.getByTestId('import-run').click();
  await expect(page.getByTestId('import-row')).toHaveAttribute('data-outcome', 'imported');
  await expect(page.getByTestId('import-results')).toContainText('Voronka export');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('account-list').locator('tr', { hasText: 'Mover Account' })).toContainText('Online');
});
