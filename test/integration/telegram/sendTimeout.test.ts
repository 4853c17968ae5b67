import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enqueueOutgoing } from '../../../src/main/db/repositories/outboxRepo';
import type { FakeTelegram } from '../../support/fake-telegram/harness';
import type { SimUser } from '../../../src/main/sandbox/fakeTelegram/worldRecords';
import { closeAppAndServer, startSignedIn, leadAnswered, type TelegramApp } from './telegramFixture';

/**
 * §2.1: a send Telegram never answers must not stall the account's queue. The sender gives the call
 * up after its timeout (shortened here), retries the row as a transient failure with the same
 * random_id, and other chats' messages go meanwhile; Telegram's de-duplication by random_id keeps it
 * to one delivered message.
 */

let fake: FakeTelegram;
let app: TelegramApp;
let alice: SimUser;
let bob: SimUser;
let accountId: number;
const PHONE = '15550611';
let now = Date.UTC(2026, 0, 5, 12, 0, 0);
const clock = { now: () => now };

beforeEach(async () => {
  // Short, but long enough that an ordinary answer from the local server is never taken for a hang.
  ({ fake, app, accountId } = await startSignedIn(PHONE, { clock, sendCallTimeoutMs: 2_000 }));
  alice = fake.world.addUser({ firstName: 'Alice' });
  bob = fake.world.addUser({ firstName: 'Bob' });
  await app.call('accounts.update', { id: accountId, human: { typingMaxMs: 0, messagesPerMinute: 0, newChatsPerDay: 0 } });
});
afterEach(() => closeAppAndServer(app, fake));

const sent = (): { text: string; peerUserId: number; randomId: string }[] => fake.world.account(PHONE).sent;
const lastRow = (lead: number): { status: string; last_error: string | null; random_id: string } =>
  app.engine.db.prepare("SELECT status, last_error, random_id FROM messages WHERE lead_id = ? AND direction = 'out' ORDER BY id DESC LIMIT 1").get(lead) as never;

const talkingLead = (user: SimUser): Promise<number> => leadAnswered(app, fake, PHONE, user);

function queue(lead: number, text: string): void {
  app.engine.db.transaction(() =>
    enqueueOutgoing(app.engine.db, lead, accountId, { text, notBefore: now, randomId: String(BigInt(now) * 1000n + BigInt(Math.floor(Math.random() * 1000))), sender: 'operator' }),
  )();
  app.service.pokeSender(accountId);
}

describe('telegram: a send Telegram never answers (§2.1)', () => {
  it('is given up after the call timeout and retried with the same random_id; other chats still go; one message delivered', async () => {
    const aliceLead = await talkingLead(alice);
    const bobLead = await talkingLead(bob);
    const release = fake.faults.holdSends({ peerUserId: alice.id });
    queue(aliceLead, 'held at telegram');
    const account = fake.world.account(PHONE);
    await fake.waitFor(() => account.sendsInFlight.size === 1, 'the send to Alice in flight at the server');
    const rowRandomId = lastRow(aliceLead).random_id;
    expect([...account.sendsInFlight]).toEqual([rowRandomId]);

    // Bob's message is queued behind the hung call: it goes once the sender has given that call up.
    queue(bobLead, 'for bob');
    await fake.waitFor(() => lastRow(bobLead).status === 'sent', 'Bob’s message sent past the hung call');
    expect(lastRow(aliceLead)).toMatchObject({ status: 'queued', last_error: expect.stringMatching(/No answer from Telegram/) as unknown, random_id: rowRandomId });
    expect(sent().filter((s) => s.text === 'for bob')).toHaveLength(1);
    expect(sent().filter((s) => s.text === 'held at telegram')).toHaveLength(0);

    // Telegram finishes the first call; the row's retry (same random_id) is that same message.
    release();
    await fake.waitFor(() => {
      if (lastRow(aliceLead).status === 'sent') return true;
      now += 5 * 60_000;
      app.service.pokeSender(accountId);
      return false;
    }, 'Alice’s row marked sent');
    expect(sent().filter((s) => s.text === 'held at telegram')).toEqual([expect.objectContaining({ randomId: rowRandomId, peerUserId: alice.id })]);
    expect(lastRow(aliceLead).random_id).toBe(rowRandomId);
  });
});
