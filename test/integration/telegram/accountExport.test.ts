import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountView, DeviceProfile } from '../../../src/shared/rpc/accounts';
import type { ImportRow } from '../../../src/shared/rpc/accountImport';
import { dcAddress } from '../../../src/main/sandbox/fakeTelegram/tlViews';
import { startFakeTelegram, type FakeTelegram } from '../../support/fake-telegram/harness';
import { startMTProxy, type MTProxyEndpoint } from '../../support/fake-telegram/mtproxyEndpoint';
import { apiHash, closeTelegramApp, startTelegramApp, type TelegramApp } from './telegramFixture';

/**
 * Moving an account to another machine: export on one data folder (session + device profile +
 * API id + proxy, sealed with a password), import into a second data folder, which connects to
 * the same local Telegram server as the same device, through the same proxy.
 */

let fake: FakeTelegram;
let proxy: MTProxyEndpoint;
const apps: TelegramApp[] = [];
const phone = '15550601';
const secret = '00112233445566778899aabbccddeeff';
const device: DeviceProfile = { deviceModel: 'Pixel 8', systemVersion: 'Android 14', appVersion: '11.2.3', langCode: 'de', systemLangCode: 'de-DE' };

beforeEach(async () => {
  fake = await startFakeTelegram();
  const routes = fake.server.dcRoutes();
  const dcPorts: Record<number, number> = {};
  for (let dc = 1; dc <= 5; dc++) if (routes[dcAddress(dc)] !== undefined) dcPorts[dc] = routes[dcAddress(dc)] as number;
  proxy = await startMTProxy({ secret, dcPorts });
});
afterEach(async () => {
  for (const app of apps.splice(0)) await closeTelegramApp(app);
  await proxy.close();
  await fake.stop();
});

const start = (): TelegramApp => {
  const app = startTelegramApp(fake);
  apps.push(app);
  return app;
};
const rowsOf = async (app: TelegramApp, input: Record<string, unknown>): Promise<ImportRow[]> => ((await app.call('accounts.importBatch', { scriptId: app.engine.scriptId, ...input })) as { rows: ImportRow[] }).rows;
const list = async (app: TelegramApp): Promise<AccountView[]> => (await app.call('accounts.list', {})) as AccountView[];

describe('password-sealed account export', () => {
  it('moves an account with its device profile, API id and proxy into a second data folder', async () => {
    fake.addAccount({ phone, username: 'mover', firstName: 'Mover' });
    const a = start();
    const mtproxy = { type: 'mtproxy', host: '127.0.0.1', port: proxy.port, secret };
    const [imported] = await rowsOf(a, { text: await fake.fixtureSession(phone), apiId: 7, apiHash, proxy: mtproxy });
    expect(imported).toMatchObject({ outcome: 'imported' });
    const [original] = await list(a);
    if (!original) throw new Error('no account on machine A');
    await a.call('accounts.update', { id: original.id, device });

    await expect(a.call('accounts.exportEncrypted', { accountId: original.id, password: 'short' })).rejects.toThrow(/at least 8/);
    const exported = (await a.call('accounts.exportEncrypted', { accountId: original.id, password: 'correct horse battery' })) as { fileName: string; dataBase64: string };
    expect(exported.fileName).toBe('mover.voronka-account');
    const fileText = Buffer.from(exported.dataBase64, 'base64').toString('utf8');
    const header = JSON.parse(fileText) as Record<string, unknown>;
    expect(header).toMatchObject({ format: 'voronka-account-export', version: 1, cipher: 'aes-256-gcm', kdf: { name: 'scrypt', N: 131072, r: 8, p: 1 } });
    // Nothing of the account is readable without the password.
    for (const clear of ['mover', phone, apiHash, secret, 'Pixel 8']) expect(fileText).not.toContain(clear);
    expect(a.logLines.join('\n')).not.toContain('correct horse battery');

    // Machine A stops running it (removing it there is what the UI asks for): one session, one place.
    await closeTelegramApp(apps.splice(0, 1)[0] as TelegramApp);

    const b = start();
    const file = { path: `Downloads/${exported.fileName}`, dataBase64: exported.dataBase64 };
    // No password, then a wrong one: a clear row each, and nothing changes.
    expect(await rowsOf(b, { files: [file] })).toMatchObject([{ format: 'voronka_export', outcome: 'export_password' }]);
    const wrong = await rowsOf(b, { files: [file], exportPassword: 'correct horse battery staple' });
    expect(wrong).toMatchObject([{ format: 'voronka_export', outcome: 'export_password', detail: expect.stringMatching(/Wrong password/) }]);
    expect(await list(b)).toEqual([]);

    const acceptedBefore = proxy.accepted.length;
    const [moved] = await rowsOf(b, { files: [file], exportPassword: 'correct horse battery' });
    expect(moved).toMatchObject({ format: 'voronka_export', outcome: 'imported', account: { username: 'mover' } });
    const [account] = await list(b);
    expect(account).toMatchObject({ status: 'online', username: 'mover', device, proxy: { type: 'mtproxy', port: proxy.port, hasSecret: true } });
    // It connected through the proxy it came with, as the same device with the same API id.
    expect(proxy.accepted.length).toBeGreaterThan(acceptedBefore);
    const sessions = fake.server.activeSessions(phone);
    expect(sessions.map((s) => s.initConnection)).toContainEqual(expect.objectContaining({ apiId: 7, deviceModel: 'Pixel 8', systemVersion: 'Android 14', langCode: 'de' }));
    // lang_code and system_lang_code come from the profile; lang_pack stays empty: teleproto
    // hard-codes "" in its initConnection and has no option for it (see clientFactory.ts).
    expect(fake.server.devices).toContainEqual(expect.objectContaining({ deviceModel: 'Pixel 8', langCode: 'de', systemLangCode: 'de-DE', langPack: '' }));

    const lead = fake.world.addUser({ firstName: 'Lead' });
    fake.world.userWrites(phone, lead.id, 'still there?');
    await fake.waitFor(() => fake.world.account(phone).sent.length > 0, 'the answer from the second machine');
  });

  it('refuses a changed header or a newer version with a clear row, and saves nothing', async () => {
    fake.addAccount({ phone, username: 'mover' });
    const a = start();
    await rowsOf(a, { text: await fake.fixtureSession(phone), apiId: 7, apiHash });
    const [account] = await list(a);
    const { dataBase64 } = (await a.call('accounts.exportEncrypted', { accountId: account?.id, password: 'password-one' })) as { dataBase64: string };
    const original = JSON.parse(Buffer.from(dataBase64, 'base64').toString('utf8')) as { kdf: { N: number }; version: number };
    const path = join(a.dataDir, 'changed.json');
    writeFileSync(path, JSON.stringify({ ...original, kdf: { ...original.kdf, N: 16384 } }));
    const weakened = { path: 'weakened.voronka-account', dataBase64: readFileSync(path).toString('base64') };
    const newer = { path: 'newer.voronka-account', dataBase64: Buffer.from(JSON.stringify({ ...original, version: 2 })).toString('base64') };
    const garbage = { path: 'garbage.voronka-account', dataBase64: Buffer.from('not an export').toString('base64') };

    const b = start();
    const rows = await rowsOf(b, { files: [weakened, newer, garbage], exportPassword: 'password-one' });
    expect(rows).toMatchObject([
      { source: 'weakened.voronka-account', outcome: 'export_password' },
      { source: 'newer.voronka-account', outcome: 'wrong_format', detail: expect.stringMatching(/version 2: update Voronka/) },
      { source: 'garbage.voronka-account', outcome: 'wrong_format', detail: expect.stringMatching(/Damaged/) },
    ]);
    expect(await list(b)).toEqual([]);
  });
});
