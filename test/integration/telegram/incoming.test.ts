import { existsSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeTelegram, type FakeTelegram } from '../../support/fake-telegram/harness';
import type { SimUser } from '../../../src/main/sandbox/fakeTelegram/worldRecords';
import { signIn, startTelegramApp, type TelegramApp, closeAppAndServer } from './telegramFixture';

let fake: FakeTelegram;
let app: TelegramApp;
let alice: SimUser;
const PHONE = '15550201';

beforeEach(async () => {
  fake = await startFakeTelegram();
  fake.addAccount({ phone: PHONE });
  alice = fake.world.addUser({ firstName: 'Alice', lastName: 'Lead', username: 'alice_lead' });
  app = startTelegramApp(fake);
  await signIn(app, fake, PHONE);
});
afterEach(() => closeAppAndServer(app, fake));

/** Telegram records a send before its answer reaches us; the message is marked sent right after. */
const allSent = (): Promise<unknown> =>
  fake.waitFor(() => app.engine.db.prepare("SELECT COUNT(*) FROM messages WHERE random_id IS NOT NULL AND sent_at IS NULL").pluck().get() === 0, 'queued messages marked sent');
const sent = (): { randomId: string; text: string; peerUserId: number }[] => fake.world.account(PHONE).sent;

function leads(): { id: number; peer_id: string; access_hash: string; first_name: string; last_name: string; username: string }[] {
  return app.engine.db.prepare("SELECT l.* FROM leads l JOIN accounts a ON a.id = l.account_id WHERE a.kind = 'telegram' ORDER BY l.id").all() as never;
}

describe('telegram: incoming messages and replies', () => {
  it('a user writes → a lead with their profile, and the funnel answers with the outbox random_id after read and typing', async () => {
    const incoming = fake.world.userWrites(PHONE, alice.id, 'hello');
    await fake.waitFor(() => sent().length === 1, 'the reply');
    await allSent();

    expect(leads()).toMatchObject([{ peer_id: String(alice.id), access_hash: alice.accessHash, first_name: 'Alice', last_name: 'Lead', username: 'alice_lead' }]);
    const outbox = app.engine.db.prepare("SELECT random_id, status, telegram_id AS sent_telegram_id FROM messages WHERE direction = 'out'").all() as { random_id: string; status: string; sent_telegram_id: number }[];
    expect(outbox).toHaveLength(1);
    const account = fake.world.account(PHONE);
    expect(sent()[0]).toMatchObject({ text: 'ping', peerUserId: alice.id, randomId: outbox[0]?.random_id });
    expect(outbox[0]).toMatchObject({ status: 'sent', sent_telegram_id: account.sent[0]?.messageId });

    // Read first, then "typing…", then the message.
    expect(account.reads).toEqual([expect.objectContaining({ peerUserId: alice.id, maxId: incoming.id })]);
    expect(account.typing).toEqual([expect.objectContaining({ peerUserId: alice.id, action: 'SendMessageTypingAction' })]);
    const order = fake.server.calls.filter((c) => ['messages.ReadHistory', 'messages.SetTyping', 'messages.SendMessage'].includes(c.method)).map((c) => c.method);
    expect(order).toEqual(['messages.ReadHistory', 'messages.SetTyping', 'messages.SendMessage']);

    // The next message continues the same lead.
    fake.world.userWrites(PHONE, alice.id, 'again');
    await fake.waitFor(() => sent().length === 2, 'the second reply');
    expect(sent().map((s) => s.text)).toEqual(['ping', 'pong']);
    expect(leads()).toHaveLength(1);
  });

  it('downloads a photo into the data folder and hands it to the funnel', async () => {
    const jpeg = Buffer.from('\xff\xd8\xff fake jpeg bytes '.repeat(50), 'latin1');
    const message = fake.world.userSendsPhoto(PHONE, alice.id, jpeg, 'my screenshot');
    await fake.waitFor(() => sent().length === 1, 'the reply to the photo');
    const row = app.engine.db.prepare("SELECT text, media, telegram_id FROM messages WHERE direction = 'in'").get() as { text: string; media: string; telegram_id: number };
    expect(row).toMatchObject({ text: 'my screenshot', telegram_id: message.id });
    const media = JSON.parse(row.media) as { kind: string; path: string };
    expect(media.kind).toBe('photo');
    expect(media.path.startsWith(app.dataDir)).toBe(true);
    expect(existsSync(media.path) && readFileSync(media.path).equals(jpeg)).toBe(true);
  });

  it('ignores bots, groups and the account’s own messages from another device', async () => {
    const bot = fake.world.addUser({ firstName: 'Some', username: 'some_bot', bot: true });
    fake.world.userWrites(PHONE, bot.id, '/start');
    fake.world.groupWrites(PHONE, 777, alice.id, 'hello group');
    fake.world.accountWritesElsewhere(PHONE, alice.id, 'written on my phone');
    fake.world.userWrites(PHONE, alice.id, 'a real lead');
    await fake.waitFor(() => sent().length === 1, 'the reply to the real lead');
    await allSent();
    await app.service.idle();

    expect(leads().map((l) => l.peer_id)).toEqual([String(alice.id)]);
    const texts = app.engine.db.prepare("SELECT text FROM messages WHERE direction = 'in'").pluck().all();
    expect(texts).toEqual(['a real lead']);
    expect(sent().map((s) => s.peerUserId)).toEqual([alice.id]);
    // The group message was a gap-free pts step and the unknown bot was looked up through the difference.
    const saved = app.engine.db.prepare("SELECT pts FROM accounts WHERE kind = 'telegram'").pluck().get();
    expect(saved).toBe(fake.world.account(PHONE).pts);
  });

  it('ignores channel posts, supergroup messages and service messages (a call, a sign-up, a pin, a cleared history)', async () => {
    const stranger = fake.world.addUser({ firstName: 'New', lastName: 'Contact' });
    fake.world.channelWrites(PHONE, { id: 3001, title: 'Crypto news' }, undefined, 'a post');
    fake.world.channelWrites(PHONE, { id: 3002, title: 'Chat', megagroup: true }, alice.id, 'hi all');
    fake.world.serviceMessage(PHONE, stranger.id, 'contactSignUp');
    fake.world.serviceMessage(PHONE, alice.id, 'phoneCall');
    fake.world.serviceMessage(PHONE, alice.id, 'pinMessage');
    fake.world.serviceMessage(PHONE, alice.id, 'historyClear');
    fake.world.userWrites(PHONE, alice.id, 'a real lead');
    await fake.waitFor(() => sent().length === 1, 'the reply to the real lead');
    await allSent();
    await app.service.idle();

    expect(leads().map((l) => l.peer_id)).toEqual([String(alice.id)]);
    expect(app.engine.db.prepare("SELECT text FROM messages WHERE direction = 'in'").pluck().all()).toEqual(['a real lead']);
    expect(sent().map((s) => s.peerUserId)).toEqual([alice.id]);
    // Service messages are pts steps of the common box; channel pts are the channel's own.
    await fake.waitFor(() => app.engine.db.prepare("SELECT pts FROM accounts WHERE kind = 'telegram'").pluck().get() === fake.world.account(PHONE).pts, 'the saved pts to reach the server’s');
  });
});
