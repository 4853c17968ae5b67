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

  it('the lead reading our messages (updateReadHistoryOutbox) shows them read, live; a read mark whose push was lost comes with getDifference', async () => {
    const alice = fake.world.addUser({ firstName: 'Alice', username: 'alice_reads' });
    const account = fake.world.account(PHONE);
    const db = app.engine.db;
    const statuses = (): string[] => db.prepare("SELECT status FROM messages WHERE direction = 'out' ORDER BY id").pluck().all() as string[];
    fake.world.userWrites(PHONE, alice.id, 'hello');
    await fake.waitFor(() => statuses()[0] === 'sent', 'the reply sent');
    fake.world.userReads(PHONE, alice.id);
    await fake.waitFor(() => statuses()[0] === 'read', 'the reply shown read');
    expect(app.activity.at(-1)).toMatchObject({ kind: 'changed', messageStatus: 'read' });

    // The second read's push is lost; the next message's pts shows the gap, and the difference brings the read.
    fake.world.userWrites(PHONE, alice.id, 'again');
    await fake.waitFor(() => statuses()[1] === 'sent', 'the second reply sent');
    fake.faults.dropPushes(1);
    fake.world.userReads(PHONE, alice.id);
    fake.world.userWrites(PHONE, alice.id, 'third');
    await fake.waitFor(() => statuses()[1] === 'read', 'the second reply shown read after the catch-up');
    expect(statuses()[0]).toBe('read');
    // Read marks are pts steps of the common box: the saved state keeps up with the server.
    await fake.waitFor(() => db.prepare("SELECT pts FROM accounts WHERE kind = 'telegram'").pluck().get() === account.pts, 'the saved pts to reach the server’s');
  });
});
