import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enqueueOutgoing } from '../../../src/main/db/repositories/outboxRepo';
import { storeMediaFile } from '../../../src/main/media/mediaLibrary';
import { startFakeTelegram, type FakeTelegram } from '../../support/fake-telegram/harness';
import type { SimUser } from '../../../src/main/sandbox/fakeTelegram/worldRecords';
import { signIn, startTelegramApp, leadAnswered, type TelegramApp, closeAppAndServer } from './telegramFixture';

/** §2.2 (long texts and captions) and §2.10 (typing is per chat). */

let fake: FakeTelegram;
let app: TelegramApp;
let alice: SimUser;
let bob: SimUser;
let accountId: number;
const PHONE = '15550701';

beforeEach(async () => {
  fake = await startFakeTelegram();
  fake.addAccount({ phone: PHONE });
  alice = fake.world.addUser({ firstName: 'Alice' });
  bob = fake.world.addUser({ firstName: 'Bob' });
  app = startTelegramApp(fake);
  accountId = (await signIn(app, fake, PHONE)).id;
});
afterEach(() => closeAppAndServer(app, fake));

const sent = (): { text: string; peerUserId: number; photo?: unknown }[] => fake.world.account(PHONE).sent;

const talkingLead = (user: SimUser): Promise<number> => leadAnswered(app, fake, PHONE, user);

/** A paragraph of sentences, `n` UTF-16 units long or a little more. */
function prose(n: number, word = 'слово'): string {
  const sentences: string[] = [];
  let length = 0;
  for (let i = 0; length < n; i++) {
    const s = `${word} ${i} ${'ещё '.repeat(i % 7)}конец.`;
    sentences.push(s);
    length += s.length + 1;
  }
  return sentences.join(' ');
}

describe('telegram: long texts (§2.2)', () => {
  it('a 9,000-character reply goes out as several messages of at most 4096, cut at paragraph or sentence ends, nothing lost', async () => {
    const lead = await talkingLead(alice);
    const text = `${prose(3000)}\n\n${prose(3500, 'дальше')}\n\n${prose(2500, 'итог')}`;
    await app.engine.engine.operator(lead, { kind: 'say', text });
    app.service.pokeSender(accountId);
    await fake.waitFor(() => app.engine.db.prepare("SELECT status FROM messages WHERE lead_id = ? AND direction = 'out' ORDER BY id DESC").pluck().get(lead) === 'sent', 'the long reply sent');
    const parts = sent().slice(1).map((s) => s.text);
    expect(parts.length).toBeGreaterThanOrEqual(3);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(4096);
      expect(part.trimEnd()).toMatch(/[.!?…]$/);
    }
    expect(parts.join(' ').replace(/\s+/g, ' ')).toBe(text.replace(/\s+/g, ' '));
    // Never a MESSAGE_TOO_LONG on the wire.
    expect(fake.server.callsTo('messages.SendMessage').filter((c) => c.error)).toEqual([]);
  });

  it('a caption over 1024 characters: the photo goes without it and the text follows as its own message', async () => {
    const lead = await talkingLead(alice);
    const path = join(app.dataDir, 'offer.jpg');
    writeFileSync(path, Buffer.from('\xff\xd8\xff jpeg '.repeat(40), 'latin1'));
    const caption = prose(1500);
    const now = Date.now();
    app.engine.db.transaction(() => enqueueOutgoing(app.engine.db, lead, accountId, { text: caption, media: { kind: 'photo', path }, notBefore: now, randomId: '7700112233', sender: 'operator' }))();
    app.service.pokeSender(accountId);
    await fake.waitFor(() => sent().length === 3, 'the photo and its text');
    expect(sent()[1]).toMatchObject({ text: '', photo: expect.anything() as unknown });
    expect(sent()[2]?.text).toBe(caption);
    expect(fake.server.callsTo('messages.SendMedia').filter((c) => c.error)).toEqual([]);
  });

  it('a 12 MB video from the media library goes up in big-file parts and arrives whole', async () => {
    const lead = await talkingLead(alice);
    const video = randomBytes(12 * 1024 * 1024 + 100);
    const { path } = storeMediaFile(app.dataDir, video, 'proof.mp4');
    const now = Date.now();
    app.engine.db.transaction(() => enqueueOutgoing(app.engine.db, lead, accountId, { text: 'Payout proof', media: { kind: 'video', path }, notBefore: now, randomId: '7700112244', sender: 'operator' }))();
    app.service.pokeSender(accountId);
    await fake.waitFor(() => sent().length === 2, 'the video');
    const document = (sent()[1] as { document?: { bytes: Buffer; kind: string } }).document;
    expect(document?.bytes.equals(video)).toBe(true);
    // Over 10 MB: upload.saveBigFilePart (the fake refuses parts over 512 KB or over 4000 of them, as Telegram does).
    expect(fake.server.callsTo('upload.SaveBigFilePart').length).toBeGreaterThan(1);
    expect(fake.server.callsTo('upload.SaveFilePart')).toEqual([]);
    expect(fake.server.callsTo('upload.SaveBigFilePart').filter((c) => c.error)).toEqual([]);
    expect(fake.server.callsTo('messages.SendMedia').filter((c) => c.error)).toEqual([]);
  });
});

describe('telegram: typing is per chat (§2.10)', () => {
  it('while one chat shows "typing…", another chat’s typing starts too: one chat’s typing does not delay the others', async () => {
    await app.call('accounts.update', { id: accountId, human: { typingMaxMs: 3_000, typingCharsPerSecond: 1 } });
    fake.world.userWrites(PHONE, alice.id, 'hello');
    fake.world.userWrites(PHONE, bob.id, 'hello');
    await fake.waitFor(() => new Set(sent().map((s) => s.peerUserId)).size === 2, 'both answers');
    const account = fake.world.account(PHONE);
    const firstSend = Math.min(...account.sent.map((s) => s.time));
    const typedBefore = new Set(account.typing.filter((t) => t.time <= firstSend).map((t) => t.peerUserId));
    // Both chats were typing before either message went out.
    expect(typedBefore).toEqual(new Set([alice.id, bob.id]));
  });
});
