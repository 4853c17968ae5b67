import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeTelegram, type FakeTelegram } from '../../support/fake-telegram/harness';
import { closeTelegramApp, signIn, startTelegramApp, type TelegramApp } from './telegramFixture';

/**
 * Live status in the open chat (issue 15): the UI refetches a lead when told it changed. A reply that
 * went out must say so, or the operator sees "queued" until something else touches the lead; and the
 * bot's "typing…" is announced before the send, so the open chat can show it.
 */
let fake: FakeTelegram;
let app: TelegramApp;
const PHONE = '15550471';

beforeEach(async () => {
  fake = await startFakeTelegram();
  fake.addAccount({ phone: PHONE });
  app = startTelegramApp(fake);
  await signIn(app, fake, PHONE);
});
afterEach(async () => {
  await closeTelegramApp(app);
  await fake.stop();
});

describe('telegram: live status of outgoing messages', () => {
  it('announces "typing…" before a reply and the lead as changed once the reply is sent', async () => {
    const alice = fake.world.addUser({ firstName: 'Alice', username: 'alice_live' });
    fake.world.userWrites(PHONE, alice.id, 'hello');
    await fake.waitFor(() => fake.world.account(PHONE).sent.length === 1, 'the reply');
    await fake.waitFor(() => app.activity.some((a) => a.kind === 'changed' && a.messageStatus === 'sent'), 'a change notice after the send');
    const leadId = app.engine.db.prepare('SELECT id FROM leads WHERE peer_id = ?').pluck().get(String(alice.id)) as number;
    const typing = app.activity.findIndex((a) => a.kind === 'typing');
    const sentNotice = app.activity.findIndex((a) => a.kind === 'changed' && a.messageStatus === 'sent');
    expect(app.activity[typing]).toMatchObject({ leadId, messageStatus: 'queued' });
    expect(app.activity[sentNotice]).toMatchObject({ leadId });
    expect(typing).toBeLessThan(sentNotice);
  });
});
