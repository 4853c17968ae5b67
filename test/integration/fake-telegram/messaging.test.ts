import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import bigInt from 'big-integer';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Api, type TelegramClient } from 'teleproto';
import { CustomFile } from 'teleproto/client/uploads';
import { GZIPPacked } from 'teleproto/tl/core';
import { startFakeTelegram, type FakeTelegram } from '../../support/fake-telegram/harness';
import type { SimUser } from '../../../src/main/sandbox/fakeTelegram/worldRecords';

let fake: FakeTelegram;
let client: TelegramClient;
let alice: SimUser;
const PHONE = '15550020';

beforeEach(async () => {
  fake = await startFakeTelegram();
  fake.addAccount({ phone: PHONE });
  alice = fake.world.addUser({ firstName: 'Alice', lastName: 'Lead', username: 'alice' });
  client = await fake.signedInClient(PHONE);
});
afterEach(async () => {
  const errors = fake.server.connectionErrors;
  await fake.stop();
  expect(errors).toEqual([]); // no broken frames, unexpected messages or handler crashes
});

function alicePeer(): Api.InputPeerUser {
  return new Api.InputPeerUser({ userId: bigInt(alice.id), accessHash: bigInt(alice.accessHash) });
}

describe('fake telegram: messaging', () => {
  it('records what the account sends with client.sendMessage', async () => {
    const sent = await client.sendMessage('alice', { message: 'hi Alice' });
    const account = fake.world.account(PHONE);
    expect(account.sent).toHaveLength(1);
    expect(account.sent[0]).toMatchObject({ text: 'hi Alice', peerUserId: alice.id, messageId: sent.id });
    expect(fake.server.callsTo('contacts.ResolveUsername')).toHaveLength(1);
  });

  it('de-duplicates messages.sendMessage by random_id', async () => {
    const randomId = bigInt('123456789012345');
    const request = (): Api.messages.SendMessage => new Api.messages.SendMessage({ peer: alicePeer(), message: 'once', randomId });
    const first = await client.invoke(request());
    const second = await client.invoke(request());
    const account = fake.world.account(PHONE);
    expect(account.sent).toHaveLength(1);
    expect(account.sent[0]?.randomId).toBe(randomId.toString());
    expect(account.messages).toHaveLength(1);
    expect(first).toBeInstanceOf(Api.UpdateShortSentMessage);
    expect(second).toMatchObject({ id: (first as Api.UpdateShortSentMessage).id, pts: (first as Api.UpdateShortSentMessage).pts });

    await client.invoke(new Api.messages.SendMessage({ peer: alicePeer(), message: 'twice', randomId: randomId.add(1) }));
    expect(account.sent.map((s) => s.text)).toEqual(['once', 'twice']);
  });

  it('records typing and read marks', async () => {
    const incoming = fake.world.userWrites(PHONE, alice.id, 'are you there?');
    await client.invoke(new Api.messages.SetTyping({ peer: alicePeer(), action: new Api.SendMessageTypingAction() }));
    await client.markAsRead(alicePeer(), incoming.id);
    const account = fake.world.account(PHONE);
    expect(account.typing).toEqual([expect.objectContaining({ peerUserId: alice.id, action: 'SendMessageTypingAction' })]);
    expect(account.reads).toEqual([expect.objectContaining({ peerUserId: alice.id, maxId: incoming.id })]);
  });

  it('refuses a peer with a wrong access_hash', async () => {
    const peer = new Api.InputPeerUser({ userId: bigInt(alice.id), accessHash: bigInt(1) });
    await expect(client.invoke(new Api.messages.SendMessage({ peer, message: 'x', randomId: bigInt(5) }))).rejects.toMatchObject({
      errorMessage: 'PEER_ID_INVALID',
    });
  });

  it('lists dialogs with their last message and resolves usernames', async () => {
    fake.world.userWrites(PHONE, alice.id, 'first');
    fake.world.userWrites(PHONE, alice.id, 'latest');
    const dialogs = await client.getDialogs({});
    expect(dialogs).toHaveLength(1);
    expect(dialogs[0]?.name).toBe('Alice Lead');
    expect(dialogs[0]?.message?.message).toBe('latest');
    const entity = await client.getEntity('alice');
    expect(entity).toBeInstanceOf(Api.User);
    expect((entity as Api.User).id.toJSNumber()).toBe(alice.id);
    await expect(client.getEntity('nobody_here')).rejects.toThrow();
  });

  it('sends a photo: upload.saveFilePart parts, then messages.sendMedia', async () => {
    const jpeg = randomBytes(300 * 1024); // several upload parts
    const sent = await client.sendFile('alice', { file: new CustomFile('offer.jpg', jpeg.length, '', jpeg), caption: 'our offer' });
    const record = fake.world.account(PHONE).sent[0];
    expect(record).toMatchObject({ text: 'our offer', peerUserId: alice.id, messageId: sent.id });
    expect(record?.photo?.bytes.equals(jpeg)).toBe(true);
    expect(sent.photo).toBeInstanceOf(Api.Photo);
    expect(fake.server.callsTo('upload.SaveFilePart').length).toBeGreaterThan(1);
  });

  it('answers users.getFullUser', async () => {
    const full = await client.invoke(
      new Api.users.GetFullUser({ id: new Api.InputUser({ userId: bigInt(alice.id), accessHash: bigInt(alice.accessHash) }) }),
    );
    expect(full.fullUser.id.toJSNumber()).toBe(alice.id);
    expect((full.users[0] as Api.User).firstName).toBe('Alice');
  });

  it('unpacks gzip_packed requests', async () => {
    // teleproto's GZIPPacked.gzip is an identity function, so it never actually compresses; make it
    // real for this test only, to drive the server's gzip path with the client's own framing.
    const identity = GZIPPacked.gzip;
    GZIPPacked.gzip = (input: Buffer) => gzipSync(input);
    try {
      await client.sendMessage('alice', { message: 'long '.repeat(400) });
    } finally {
      GZIPPacked.gzip = identity;
    }
    expect(fake.server.serviceMessages.gzip).toBeGreaterThan(0);
    expect(fake.world.account(PHONE).sent[0]?.text).toBe('long '.repeat(400));
  });
});

describe('fake telegram: min users and inputPeerUserFromMessage (as core.telegram.org/api/min)', () => {
  it('a min-only user comes without a usable hash everywhere; only a message they sent addresses them', async () => {
    const carol = fake.world.addUser({ firstName: 'Carol', minOnly: true });
    const fromCarol = fake.world.userWrites(PHONE, carol.id, 'hi', { shape: 'full' });
    const fromAlice = fake.world.userWrites(PHONE, alice.id, 'hello');
    const difference = (await client.invoke(new Api.updates.GetDifference({ pts: 1, date: 0, qts: 0 }))) as Api.updates.Difference;
    const seen = difference.users.find((u) => u.id.toString() === String(carol.id)) as Api.User;
    expect(seen.min).toBe(true);
    const byHash = (hash: string): Api.InputPeerUser => new Api.InputPeerUser({ userId: bigInt(carol.id), accessHash: bigInt(hash) });
    const send = (peer: Api.TypeInputPeer, text: string): Promise<unknown> => client.invoke(new Api.messages.SendMessage({ peer, message: text, randomId: bigInt(randomBytes(6).readUIntLE(0, 6)) }));
    // The min hash, a made-up hash, and messages that are not Carol's are all refused.
    await expect(send(byHash(seen.accessHash?.toString() ?? '0'), 'x')).rejects.toThrow(/PEER_ID_INVALID/);
    await expect(send(byHash('1'), 'x')).rejects.toThrow(/PEER_ID_INVALID/);
    const fromMessage = (msgId: number): Api.InputPeerUserFromMessage => new Api.InputPeerUserFromMessage({ peer: new Api.InputPeerSelf(), msgId, userId: bigInt(carol.id) });
    await expect(send(fromMessage(fromAlice.id), 'x')).rejects.toThrow(/PEER_ID_INVALID/);
    await expect(send(fromMessage(fromCarol.id + 100), 'x')).rejects.toThrow(/PEER_ID_INVALID/);
    expect(fake.world.account(PHONE).sent).toHaveLength(0);
    // Carol's own message names her.
    await send(fromMessage(fromCarol.id), 'hello Carol');
    expect(fake.world.account(PHONE).sent).toMatchObject([{ text: 'hello Carol', peerUserId: carol.id }]);
    // users.getUsers leaves wrong hashes out and takes inputUserFromMessage; getFullUser refuses a wrong hash.
    const users = (await client.invoke(
      new Api.users.GetUsers({ id: [new Api.InputUser({ userId: bigInt(carol.id), accessHash: bigInt(seen.accessHash?.toString() ?? '0') }), new Api.InputUserFromMessage({ peer: new Api.InputPeerSelf(), msgId: fromCarol.id, userId: bigInt(carol.id) })] }),
    )) as Api.User[];
    expect(users.map((u) => u.id.toString())).toEqual([String(carol.id)]);
    await expect(client.invoke(new Api.users.GetFullUser({ id: new Api.InputUser({ userId: bigInt(carol.id), accessHash: bigInt(1) }) }))).rejects.toThrow(/USER_ID_INVALID/);
  });
});
