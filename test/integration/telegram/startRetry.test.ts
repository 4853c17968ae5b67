import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeTelegram, type FakeTelegram } from '../../support/fake-telegram/harness';
import { closeTelegramApp, signIn, startTelegramApp, type TelegramApp, closeAppAndServer } from './telegramFixture';

let fake: FakeTelegram;
let app: TelegramApp;
const PHONE = '15550801';

beforeEach(async () => {
  fake = await startFakeTelegram();
  fake.addAccount({ phone: PHONE });
  app = startTelegramApp(fake);
  await signIn(app, fake, PHONE);
  await closeTelegramApp(app);
});
afterEach(() => closeAppAndServer(app, fake));

describe('telegram: an account whose start fails', () => {
  it('is started again with backoff after a transient failure, and then answers', { timeout: 300_000 }, async () => {
    // The session check at start-up (users.getUsers for "me") times out, as Telegram's -503 does, more
    // often than teleproto retries a request by itself (once here, to keep the test short). Two
    // failures: teleproto's connect() makes its own getMe first and ignores its error.
    fake.faults.fail('users.GetUsers', 503, 'Timeout', { times: 2 });
    app = startTelegramApp(fake, { dataDir: app.dataDir, clientOptions: { requestRetries: 1 } });
    await app.service.start();
    expect(app.statuses.at(-1)).toMatchObject({ status: 'offline' });

    await fake.waitFor(() => app.statuses.at(-1)?.status === 'online', 'the account online after the retry');
    expect(app.statuses.map((s) => s.status)).toEqual(['connecting', 'offline', 'connecting', 'online']);
    const alice = fake.world.addUser({ firstName: 'Alice' });
    fake.world.userWrites(PHONE, alice.id, 'hi');
    await fake.waitFor(() => fake.world.account(PHONE).sent.length === 1, 'the reply');
  });

  it('is not retried when the session is gone (needs login)', { timeout: 300_000 }, async () => {
    fake.faults.fail('users.GetUsers', 401, 'AUTH_KEY_UNREGISTERED', { times: 2 });
    app = startTelegramApp(fake, { dataDir: app.dataDir });
    await app.service.start();
    expect(app.statuses.at(-1)).toMatchObject({ status: 'needs_login' });
    await new Promise((r) => setTimeout(r, 1_500)); // past the first retry delay
    expect(app.statuses.map((s) => s.status)).toEqual(['connecting', 'needs_login']);
  });
});
