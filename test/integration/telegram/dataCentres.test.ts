import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeTelegram, type FakeTelegram } from '../../support/fake-telegram/harness';
import { signIn, startTelegramApp, type TelegramApp, closeAppAndServer } from './telegramFixture';

/** An account whose home is the other data centre: the wizard follows PHONE_MIGRATE and the account works there. */

let fake: FakeTelegram;
let app: TelegramApp;
const PHONE = '15551301';

beforeEach(async () => {
  fake = await startFakeTelegram();
  fake.addAccount({ phone: PHONE, homeDc: 4 });
  app = startTelegramApp(fake);
});
afterEach(() => closeAppAndServer(app, fake));

describe('telegram: an account on another data centre', () => {
  it('signs in through PHONE_MIGRATE_4, reconnects on DC 4 from its saved session, and answers a lead', async () => {
    await signIn(app, fake, PHONE);
    expect(fake.server.calls.some((c) => c.error === 'PHONE_MIGRATE_4')).toBe(true);
    await fake.waitFor(() => fake.server.hasUpdatesConnection(PHONE), 'the account online');
    const alice = fake.world.addUser({ firstName: 'Alice' });
    fake.world.userWrites(PHONE, alice.id, 'hello');
    await fake.waitFor(() => fake.world.account(PHONE).sent.length === 1, 'the answer');
    expect(app.statuses.at(-1)).toMatchObject({ status: 'online' });
  });
});
