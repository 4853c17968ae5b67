import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeTelegram, type FakeTelegram } from '../../support/fake-telegram/harness';
import type { SimUser } from '../../../src/main/sandbox/fakeTelegram/worldRecords';
import { closeTelegramApp, signIn, startTelegramApp, type TelegramApp, closeAppAndServer } from './telegramFixture';

/** §2.5 lost pushes, §2.9 revoked or banned sessions, §2.11 stored ≠ processed. */

let fake: FakeTelegram;
let app: TelegramApp;
let alice: SimUser;
let bob: SimUser;
const PHONE = '15550901';

beforeEach(async () => {
  fake = await startFakeTelegram();
  fake.addAccount({ phone: PHONE });
  alice = fake.world.addUser({ firstName: 'Alice' });
  bob = fake.world.addUser({ firstName: 'Bob' });
  app = startTelegramApp(fake);
  await signIn(app, fake, PHONE);
});
afterEach(() => closeAppAndServer(app, fake));

const sent = (): { text: string; peerUserId: number }[] => fake.world.account(PHONE).sent;
const db = (): TelegramApp['engine']['db'] => app.engine.db;

describe('telegram: a lost push is recovered (§2.5)', () => {
  it('a push Telegram never delivered is fetched by getDifference after a quiet period', async () => {
    // The same account again, with a short quiet period so the test does not wait Telethon's 15 minutes.
    await closeTelegramApp(app);
    app = startTelegramApp(fake, { dataDir: app.dataDir, quietCatchUpMs: 300 });
    await app.service.start();
    fake.faults.dropPushes(1);
    fake.world.userWrites(PHONE, alice.id, 'did you get this?');
    await fake.waitFor(() => sent().length === 1, 'the answer to the lost message');
    // The quiet-period catch-up ran. (On a loaded machine teleproto's own wake-up after a late ping
    // also runs a catch-up, which would recover the message even without the quiet timer.)
    expect(app.logLines.some((l) => l.includes('no updates for a while; fetching the difference'))).toBe(true);
  });

  it('new_session_created runs a catch-up at once', async () => {
    fake.faults.dropPushes(1);
    fake.world.userWrites(PHONE, alice.id, 'lost');
    const before = fake.server.callsTo('updates.GetDifference').length;
    fake.server.newSessionCreated(PHONE);
    await fake.waitFor(() => fake.server.callsTo('updates.GetDifference').length > before, 'a getDifference');
    await fake.waitFor(() => sent().length === 1, 'the answer');
    // It was new_session_created that ran it (a reconnect or teleproto's wake-up could also catch up).
    expect(app.logLines.some((l) => l.includes('telegram started a new session; fetching the difference'))).toBe(true);
  });
});

describe('telegram: a revoked or banned session is noticed from any call (§2.9)', () => {
  it('SESSION_REVOKED met by a catch-up: the account shows logged out, and the catch-up is not retried forever', async () => {
    fake.server.revoke(PHONE, 'SESSION_REVOKED');
    fake.world.updatesTooLong(PHONE);
    await fake.waitFor(() => app.statuses.at(-1)?.status === 'needs_login', 'the account to show logged out');
    expect(app.statuses.at(-1)?.statusReason).toContain('SESSION_REVOKED');
    // The connection is closed rather than left retrying with a dead key.
    await fake.waitFor(() => !fake.server.hasUpdatesConnection(PHONE), 'the connection to close');
  });

  it('USER_DEACTIVATED_BAN met by a catch-up: the account shows banned', async () => {
    fake.server.revoke(PHONE, 'USER_DEACTIVATED_BAN');
    fake.world.updatesTooLong(PHONE);
    await fake.waitFor(() => app.statuses.at(-1)?.status === 'banned', 'the account to show banned');
  });
});

describe('telegram: stored ≠ processed (§2.11)', () => {
  it('a turn that fails after its message was stored does not rewind the update state; the engine handles it again', async () => {
    // Alice's turn fails at its outgoing message's insert (as a full disk or a bug in a step would) until the
    // failure has reached the adapter; the write queue re-runs a failed batch's writes one by one,
    // so a one-shot failure would be absorbed there. The switch lives in JS: a table would be
    // rolled back with the failed turn.
    let failing = true;
    db().function('simulated_failure', () => (failing ? 1 : 0));
    db().exec(`CREATE TEMP TRIGGER outgoing_fails BEFORE INSERT ON messages WHEN new.direction = 'out' AND simulated_failure() = 1
      BEGIN SELECT RAISE(ABORT, 'simulated turn failure'); END;`);
    const account = fake.world.account(PHONE);
    const message = fake.world.userWrites(PHONE, alice.id, 'hello');
    await fake.waitFor(() => db().prepare("SELECT COUNT(*) FROM messages WHERE direction = 'in'").pluck().get() === 1, 'the message stored');
    // From here on no catch-up may ask from before the stored message (a rewind would).
    const differencesBefore = account.differenceFrom.length;
    await fake.waitFor(() => app.logLines.some((l) => l.includes('simulated turn failure')), 'the turn failure to reach the adapter');
    failing = false;
    // Bob writes the same: his turn, which nothing breaks, is what one turn for Alice must look like.
    fake.world.userWrites(PHONE, bob.id, 'hello');
    const to = (user: SimUser) => sent().filter((s) => s.peerUserId === user.id);
    await fake.waitFor(() => to(bob).length > 0, 'Bob answered');
    // (a) not skipped: the failed turn is tried again, and Alice's message is handled.
    await fake.waitFor(() => to(alice).length > 0, 'Alice answered after all', 15_000);
    await fake.waitFor(() => db().prepare("SELECT COUNT(*) FROM messages WHERE random_id IS NOT NULL AND sent_at IS NULL").pluck().get() === 0, 'every row marked sent');
    await app.service.idle();
    expect(db().prepare("SELECT COUNT(*) FROM messages WHERE direction = 'in' AND handled_at IS NULL").pluck().get()).toBe(0);
    // (b) handled once: Alice got what Bob got, no more.
    expect(to(alice).map((s) => s.text)).toEqual(to(bob).map((s) => s.text));
    // (b) no rewind: nothing asked Telegram again from before a message already stored.
    expect(account.differenceFrom.slice(differencesBefore).filter((pts) => pts < message.pts)).toEqual([]);
    // The saved state catches up with the server's pts (the last read mark or send may still be on its
    // way as a push); a rewound state would stay behind and time out here.
    const savedPts = () => app.engine.db.prepare("SELECT pts FROM accounts WHERE kind = 'telegram'").pluck().get();
    await fake.waitFor(() => savedPts() === account.pts, 'the saved update state to reach the server pts');
  });
});
