import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeTelegram } from '../../support/fake-telegram/harness';
import type { SimUser } from '../../../src/main/sandbox/fakeTelegram/worldRecords';
import { closeAppAndServer, startSignedIn, type TelegramApp } from './telegramFixture';

let fake: FakeTelegram;
let app: TelegramApp;
let alice: SimUser;
let accountId: number;
const PHONE = '15550401';
/** The app's clock: the sender's not_before checks run on it, so a 30 s flood wait takes no real time. */
let now = Date.UTC(2026, 0, 5, 12, 0, 0);
const clock = { now: () => now };

beforeEach(async () => {
  ({ fake, app, accountId } = await startSignedIn(PHONE, { clock }));
  alice = fake.world.addUser({ firstName: 'Alice', username: 'alice_lead' });
  // Typing runs on the app's clock, which stands still here unless a test moves it: no typing.
  await app.call('accounts.update', { id: accountId, human: { typingMaxMs: 0 } });
});
afterEach(() => closeAppAndServer(app, fake));

const sent = (): { randomId: string; text: string }[] => fake.world.account(PHONE).sent;
const outbox = (): { random_id: string; status: string; not_before: number; last_error: string | null }[] =>
  app.engine.db.prepare("SELECT random_id, status, not_before, last_error FROM messages WHERE direction = 'out' ORDER BY id").all() as never;

describe('telegram: the outbox sender', () => {
  it('FLOOD_WAIT_30 on send: the row waits 30 s with its random_id, the account shows flood-limited, then it goes out once', async () => {
    fake.faults.floodWait('messages.sendMessage', 30);
    const floodAt = now;
    fake.world.userWrites(PHONE, alice.id, 'hello');
    await fake.waitFor(() => outbox()[0]?.not_before === floodAt + 30_000, 'the row to be moved by the flood wait');
    expect(outbox()).toMatchObject([{ status: 'queued', last_error: 'FLOOD_WAIT_30' }]);
    expect(sent()).toEqual([]);
    expect(app.statuses.at(-1)).toMatchObject({ accountId, status: 'flood_limited', floodUntil: floodAt + 30_000 });

    // Not yet allowed: a poke changes nothing.
    now += 29_000;
    app.service.pokeSender(accountId);
    await app.service.idle();
    expect(sent()).toEqual([]);

    now += 1_000;
    app.service.pokeSender(accountId);
    await fake.waitFor(() => outbox()[0]?.status === 'sent', 'the delayed row to be sent');
    expect(sent()).toEqual([expect.objectContaining({ text: 'ping', randomId: outbox()[0]?.random_id })]);
    expect(app.statuses.at(-1)).toMatchObject({ status: 'online', floodUntil: null });
  });

  it('typing runs on the app’s clock: while it stands still the reply keeps typing; moved past the typing time, it goes', async () => {
    // A minute of typing for the reply, on the app's clock.
    await app.call('accounts.update', { id: accountId, human: { typingMaxMs: 60_000, typingCharsPerSecond: 0.01 } });
    fake.world.userWrites(PHONE, alice.id, 'hello');
    const account = fake.world.account(PHONE);
    await fake.waitFor(() => account.typing.length > 0, '“typing…” to start');
    // Real time passes (a sleep in the fake's own timing, not an assertion on it); the app's clock does not.
    await new Promise((r) => setTimeout(r, 1_500));
    await app.service.idle();
    expect(sent()).toEqual([]);
    now += 60_000;
    app.service.pokeSender(accountId);
    // Half the real minute: a sender typing on the real clock is still typing then (it failed so before).
    await fake.waitFor(() => sent().length === 1, 'the reply once the clock passed the typing time', 30_000);
  });

  // PEER_FLOOD is an account-level limit now: see refusals.test.ts.

  it('USER_IS_BLOCKED stops only that lead; others keep being answered', async () => {
    const bob = fake.world.addUser({ firstName: 'Bob', username: 'bob_lead' });
    fake.faults.userBlocked(alice.id);
    fake.world.userWrites(PHONE, alice.id, 'hello');
    fake.world.userWrites(PHONE, bob.id, 'hello');
    await fake.waitFor(() => sent().length === 1, 'the reply to Bob');
    const db = app.engine.db;
    await fake.waitFor(() => db.prepare('SELECT status FROM leads WHERE peer_id = ?').pluck().get(String(alice.id)) === 'stopped', 'Alice stopped');
    expect(db.prepare('SELECT status_reason FROM leads WHERE peer_id = ?').pluck().get(String(alice.id))).toBe(JSON.stringify({ code: 'telegramRefused', params: { error: 'USER_IS_BLOCKED' } }));
  });

  it('holds sends over the per-minute cap until the minute has passed', async () => {
    await app.call('accounts.update', { id: accountId, human: { messagesPerMinute: 1 } });
    const bob = fake.world.addUser({ firstName: 'Bob', username: 'bob_lead' });
    fake.world.userWrites(PHONE, alice.id, 'hello');
    await fake.waitFor(() => sent().length === 1, 'the first reply');
    fake.world.userWrites(PHONE, bob.id, 'hello');
    await fake.waitFor(() => outbox().length === 2, 'the second row queued');
    await fake.waitFor(() => app.logLines.some((l) => l.includes('per-minute cap')), 'the sender to hold the second row');
    expect(sent()).toHaveLength(1);
    expect(outbox()[1]).toMatchObject({ status: 'queued' });

    now += 60_000;
    app.service.pokeSender(accountId);
    await fake.waitFor(() => sent().length === 2, 'the held reply after a minute');
  });
});
