import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enqueueOutgoing } from '../../../src/main/db/repositories/outboxRepo';
import type { FakeTelegram } from '../../support/fake-telegram/harness';
import type { SimUser } from '../../../src/main/sandbox/fakeTelegram/worldRecords';
import { closeAppAndServer, startSignedIn, leadAnswered, type TelegramApp } from './telegramFixture';

/** §2.1 and §2.6: what the sender does with each kind of refusal Telegram answers. */

let fake: FakeTelegram;
let app: TelegramApp;
let alice: SimUser;
let bob: SimUser;
let accountId: number;
const PHONE = '15550601';
let now = Date.UTC(2026, 0, 5, 12, 0, 0);
const clock = { now: () => now };

beforeEach(async () => {
  ({ fake, app, accountId } = await startSignedIn(PHONE, { clock }));
  alice = fake.world.addUser({ firstName: 'Alice' });
  bob = fake.world.addUser({ firstName: 'Bob' });
  // Typing runs on the app's clock, which stands still here unless a test moves it: no typing.
  await app.call('accounts.update', { id: accountId, human: { typingMaxMs: 0 } });
});
afterEach(() => closeAppAndServer(app, fake));

const sent = (): { text: string; peerUserId: number }[] => fake.world.account(PHONE).sent;
const outboxOf = (id: number): { status: string; last_error: string | null; text: string }[] =>
  app.engine.db.prepare("SELECT status, last_error, text FROM messages WHERE lead_id = ? AND direction = 'out' ORDER BY id").all(id) as never;
const chatOf = (id: number): { sender: string; status: string; text: string }[] =>
  app.engine.db.prepare("SELECT sender, status, text FROM messages WHERE lead_id = ? AND direction = 'out' ORDER BY id").all(id) as never;

/** A lead who wrote and got the funnel's first answer. */
const talkingLead = (user: SimUser): Promise<number> => leadAnswered(app, fake, PHONE, user);

function queue(lead: number, text: string, media?: { kind: string; path: string }): void {
  app.engine.db.transaction(() =>
    enqueueOutgoing(app.engine.db, lead, accountId, { text, notBefore: now, randomId: String(BigInt(now) * 1000n + BigInt(Math.floor(Math.random() * 1000))), sender: 'operator', ...(media ? { media } : {}) }),
  )();
  app.service.pokeSender(accountId);
}

describe('telegram: refusals (§2.1)', () => {
  it('a permanent refusal (the attachment is gone) fails the row with a reason, and the chat’s next message still goes', async () => {
    const lead = await talkingLead(alice);
    queue(lead, 'here is the file', { kind: 'photo', path: '/nonexistent/voronka/missing.jpg' });
    queue(lead, 'and a text after it');
    await fake.waitFor(() => outboxOf(lead)[2]?.status === 'sent', 'the later message to be sent');
    expect(outboxOf(lead).slice(1)).toMatchObject([
      { status: 'failed', last_error: 'ATTACHMENT_UNREADABLE', text: 'here is the file' },
      { status: 'sent', text: 'and a text after it' },
    ]);
    expect(chatOf(lead).slice(1)).toMatchObject([{ status: 'failed' }, { status: 'sent' }]);
    // The operator is told: this chat needs them (a desktop notification that opens it).
    expect(app.needsHuman).toEqual([{ leadId: lead, cause: 'send_failed', reason: 'ATTACHMENT_UNREADABLE' }]);
  });

  it('PEER_ID_INVALID fails the row with its reason instead of retrying it', async () => {
    const lead = await talkingLead(alice);
    fake.faults.peerInvalid(alice.id);
    queue(lead, 'are you there?');
    await fake.waitFor(() => outboxOf(lead)[1]?.status === 'failed', 'the row to fail');
    expect(outboxOf(lead)[1]).toMatchObject({ status: 'failed', last_error: 'PEER_ID_INVALID' });
    expect(app.needsHuman).toEqual([{ leadId: lead, cause: 'send_failed', reason: 'PEER_ID_INVALID' }]);
    // Refused once by the stored hash and once through inputPeerUserFromMessage (§2.8), then never again.
    await app.service.idle();
    expect(fake.server.callsTo('messages.SendMessage').filter((c) => c.error === 'PEER_ID_INVALID')).toHaveLength(2);
  });

  it('a transient failure (500) is retried with the same random_id and goes out once', async () => {
    const lead = await talkingLead(alice);
    fake.faults.fail('messages.sendMessage', 500, 'INTERNAL_SERVER_ERROR');
    queue(lead, 'second try');
    await fake.waitFor(() => outboxOf(lead)[1]?.last_error === 'INTERNAL_SERVER_ERROR', 'the first attempt to fail');
    now += 5 * 60_000;
    app.service.pokeSender(accountId);
    await fake.waitFor(() => outboxOf(lead)[1]?.status === 'sent', 'the retry');
    expect(sent().filter((s) => s.text === 'second try')).toHaveLength(1);
  });
});

describe('telegram: RANDOM_ID_DUPLICATE while the first call is in flight (§2.1)', () => {
  it('is transient: retried with the same random_id, and exactly one message is delivered', async () => {
    const lead = await talkingLead(alice);
    const release = fake.faults.holdSends();
    queue(lead, 'only once');
    const account = fake.world.account(PHONE);
    await fake.waitFor(() => account.sendsInFlight.size === 1, 'the first call in flight at the server');
    const rowRandomId = [...account.sendsInFlight][0];
    // The connection drops with the call unanswered; the client sends it again (teleproto resends
    // pending calls on the new connection, the sender retries later) while Telegram still works on it.
    fake.server.killAllSockets();
    await fake.waitFor(() => {
      if (fake.server.callsTo('messages.SendMessage').some((c) => c.error === 'RANDOM_ID_DUPLICATE')) return true;
      now += 5 * 60_000;
      app.service.pokeSender(accountId);
      return false;
    }, 'a repeat answered RANDOM_ID_DUPLICATE');
    await fake.waitFor(() => outboxOf(lead)[1]?.last_error === 'RANDOM_ID_DUPLICATE', 'the row deferred with the reason');
    expect(outboxOf(lead)[1]?.status).toBe('queued');
    release();
    await fake.waitFor(() => {
      if (outboxOf(lead)[1]?.status === 'sent') return true;
      now += 5 * 60_000;
      app.service.pokeSender(accountId);
      return false;
    }, 'the row marked sent');
    expect(sent().filter((s) => s.text === 'only once')).toHaveLength(1);
    expect(account.sent.find((s) => s.text === 'only once')?.randomId).toBe(rowRandomId);
    expect(app.engine.db.prepare("SELECT random_id FROM messages WHERE lead_id = ? AND direction = 'out' ORDER BY id").pluck().all(lead)[1]).toBe(rowRandomId);
    expect(chatOf(lead).filter((m) => m.text === 'only once')).toEqual([expect.objectContaining({ status: 'sent' })]);
  });
});

describe('telegram: RANDOM_ID_DUPLICATE for a send Telegram already completed', () => {
  it('after it recurs the part counts as delivered (no message id), so the chat is not blocked', async () => {
    const lead = await talkingLead(alice);
    const randomId = String(BigInt(now) * 1000n + 7n);
    // Telegram stored the message, then we crashed before recording it: every resend is a duplicate.
    fake.world.account(PHONE).send(alice.id, 'stored before the crash', randomId);
    fake.faults.duplicateForCompletedSends();
    app.engine.db.transaction(() => enqueueOutgoing(app.engine.db, lead, accountId, { text: 'stored before the crash', notBefore: now, randomId, sender: 'operator' }))();
    queue(lead, 'the next one');
    const duplicates = () => fake.server.callsTo('messages.SendMessage').filter((c) => c.error === 'RANDOM_ID_DUPLICATE').length;
    await fake.waitFor(() => {
      if (outboxOf(lead)[2]?.status === 'sent' || duplicates() >= 8) return true;
      now += 5 * 60_000;
      app.service.pokeSender(accountId);
      return false;
    }, 'the row marked sent, or eight duplicates');
    expect(outboxOf(lead)[1]).toMatchObject({ status: 'sent', text: 'stored before the crash' });
    expect(app.engine.db.prepare("SELECT telegram_id FROM messages WHERE lead_id = ? AND direction = 'out' ORDER BY id").pluck().all(lead)[1]).toBeNull();
    expect(duplicates()).toBe(3);
    // Delivered once, and the chat's next message went.
    expect(sent().filter((s) => s.text === 'stored before the crash')).toHaveLength(1);
    expect(outboxOf(lead)[2]?.status).toBe('sent');
    expect(sent().filter((s) => s.text === 'the next one')).toHaveLength(1);
  });
});

describe('telegram: PEER_FLOOD limits the account (§2.6)', () => {
  it('the account becomes limited: sending pauses, leads keep their pending messages, the reason says PEER_FLOOD; resumes on the operator’s word', async () => {
    fake.faults.peerFlood();
    fake.world.userWrites(PHONE, alice.id, 'hello');
    fake.world.userWrites(PHONE, bob.id, 'hello');
    await fake.waitFor(() => app.statuses.some((s) => s.statusReason?.includes('PEER_FLOOD')), 'the account to be limited');
    const limited = app.statuses.findLast((s) => s.statusReason?.includes('PEER_FLOOD'));
    expect(limited).toMatchObject({ accountId, status: 'flood_limited' });
    expect(limited?.floodUntil).toBeGreaterThan(now);
    await app.service.idle();
    // Nobody is stopped, nothing is cancelled: both answers wait.
    const statuses = app.engine.db.prepare('SELECT status FROM leads ORDER BY id').pluck().all();
    expect(statuses).not.toContain('stopped');
    expect(app.engine.db.prepare("SELECT status FROM messages WHERE direction = 'out' ORDER BY id").pluck().all()).toEqual(['queued', 'queued']);
    // Only one refused attempt: the sender did not try the next chat into the same wall.
    expect(fake.server.callsTo('messages.SendMessage')).toHaveLength(1);
    // One notice, for the chat whose message met the limit.
    expect(app.needsHuman).toEqual([{ leadId: expect.any(Number) as unknown, cause: 'account_limited', reason: 'PEER_FLOOD' }]);
    const view = (await app.call('accounts.list', {})) as { id: number; statusReason: string | null }[];
    expect(view.find((a) => a.id === accountId)?.statusReason).toContain('PEER_FLOOD');

    fake.faults.clear();
    await app.call('accounts.resumeSending', { id: accountId });
    await fake.waitFor(() => sent().length === 2, 'both answers after the resume');
    expect(app.statuses.at(-1)).toMatchObject({ status: 'online', floodUntil: null });
  });

  it('after the set pause the account resumes by itself', async () => {
    fake.faults.peerFlood(1);
    fake.world.userWrites(PHONE, alice.id, 'hello');
    await fake.waitFor(() => app.statuses.some((s) => s.statusReason?.includes('PEER_FLOOD')), 'the account to be limited');
    const until = app.statuses.findLast((s) => s.statusReason?.includes('PEER_FLOOD'))?.floodUntil ?? 0;
    now = until + 1;
    app.service.pokeSender(accountId);
    await fake.waitFor(() => sent().length === 1, 'the answer after the pause');
  });
});
