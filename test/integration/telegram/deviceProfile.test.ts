import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeTelegram, type FakeTelegram } from '../../support/fake-telegram/harness';
import { closeTelegramApp, signIn, startTelegramApp, type TelegramApp } from './telegramFixture';

/** §2.12: each account presents one plausible official-client device, the same on every start. */

let fake: FakeTelegram;
let app: TelegramApp;
const PHONE = '15551001';

beforeEach(async () => {
  fake = await startFakeTelegram();
  fake.addAccount({ phone: PHONE });
});
afterEach(async () => {
  await closeTelegramApp(app);
  await fake.stop();
});

describe('telegram: device profile per account (§2.12)', () => {
  it('the login and the account’s connections present the same plausible official-client device, stable across restarts, and an edit applies', async () => {
    app = startTelegramApp(fake);
    const account = await signIn(app, fake, PHONE);
    await fake.waitFor(() => fake.server.hasUpdatesConnection(PHONE), 'the account online');
    const first = fake.server.devices.at(-1);
    expect(first?.deviceModel).not.toMatch(/voronka/i);
    expect(first?.appVersion).not.toBe('1.0');
    expect(first?.langCode).toMatch(/^[a-z]{2}$/);
    // The login client and the account's connection said the same.
    expect(new Set(fake.server.devices.map((d) => JSON.stringify(d))).size).toBe(1);

    await closeTelegramApp(app);
    app = startTelegramApp(fake, { dataDir: app.dataDir });
    await app.service.start();
    await fake.waitFor(() => fake.server.hasUpdatesConnection(PHONE), 'the account online again');
    expect(fake.server.devices.at(-1)).toEqual(first);

    const edited = (await app.call('accounts.update', { id: account.id, device: { deviceModel: 'iPhone 15 Pro', systemVersion: 'iOS 17.5', appVersion: '10.14.1 (28523)', langCode: 'ru', systemLangCode: 'ru-RU' } })) as { device: unknown };
    expect(edited.device).toMatchObject({ deviceModel: 'iPhone 15 Pro' });
    await fake.waitFor(() => fake.server.devices.at(-1)?.deviceModel === 'iPhone 15 Pro', 'the new device on the next connection');
    expect(fake.server.devices.at(-1)).toMatchObject({ systemVersion: 'iOS 17.5', langCode: 'ru' });
  });
});
