import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Api, type TelegramClient } from 'teleproto';
import { NewMessage, type NewMessageEvent } from 'teleproto/events';
import { startFakeTelegram, type FakeTelegram } from '../../support/fake-telegram/harness';
import type { SimUser } from '../../../src/main/sandbox/fakeTelegram/worldRecords';

let fake: FakeTelegram;
let client: TelegramClient;
let alice: SimUser;
const PHONE = '15550010';

beforeEach(async () => {
  fake = await startFakeTelegram();
  fake.addAccount({ phone: PHONE });
  alice = fake.world.addUser({ firstName: 'Alice', username: 'alice' });
  client = await fake.signedInClient(PHONE);
});
afterEach(async () => {
  const errors = fake.server.connectionErrors;
  await fake.stop();
  expect(errors).toEqual([]); // no broken frames, unexpected messages or handler crashes
});

function collectIncoming(c: TelegramClient): Api.Message[] {
  const received: Api.Message[] = [];
  c.addEventHandler((e: NewMessageEvent) => received.push(e.message), new NewMessage({ incoming: true }));
  return received;
}

describe('fake telegram: pushed updates', () => {
  it('delivers a text from a simulated user as updateShortMessage', async () => {
    const received = collectIncoming(client);
    const stored = fake.world.userWrites(PHONE, alice.id, 'hello from alice');
    const message = await fake.waitFor(() => received[0], 'the pushed text');
    expect(message.message).toBe('hello from alice');
    expect(message.id).toBe(stored.id);
    expect(message.senderId?.toJSNumber()).toBe(alice.id);
    expect(message.out).toBe(false);
  });

  it('delivers a photo as updates{updateNewMessage} and serves its bytes through upload.getFile', async () => {
    const received = collectIncoming(client);
    const jpeg = randomBytes(200 * 1024 + 123); // more than one 128 KB part
    fake.world.userSendsPhoto(PHONE, alice.id, jpeg, 'my screenshot');
    const message = await fake.waitFor(() => received[0], 'the pushed photo');
    expect(message.photo).toBeInstanceOf(Api.Photo);
    expect(message.message).toBe('my screenshot');

    const downloaded = await client.downloadMedia(message, {});
    expect(Buffer.isBuffer(downloaded) && downloaded.equals(jpeg)).toBe(true);
    expect(fake.server.callsTo('upload.GetFile').length).toBeGreaterThanOrEqual(2);
  });

  it('pushes only to the account the message is for', async () => {
    fake.addAccount({ phone: '15550011' });
    const other = await fake.signedInClient('15550011');
    const mine = collectIncoming(client);
    const theirs = collectIncoming(other);
    fake.world.userWrites('15550011', alice.id, 'for the other account');
    await fake.waitFor(() => theirs[0], 'the other account to receive its message');
    fake.world.userWrites(PHONE, alice.id, 'for me');
    await fake.waitFor(() => mine[0], 'my message');
    expect(mine.map((m) => m.message)).toEqual(['for me']);
    expect(theirs.map((m) => m.message)).toEqual(['for the other account']);
  });
});
