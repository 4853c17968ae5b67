import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Api, type TelegramClient } from 'teleproto';
import { NewMessage, type NewMessageEvent } from 'teleproto/events';
import { startFakeTelegram, type FakeTelegram } from '../../support/fake-telegram/harness';
import type { SimUser } from '../../../src/main/sandbox/fakeTelegram/worldRecords';

let fake: FakeTelegram;
let alice: SimUser;
const PHONE = '15550040';

beforeEach(async () => {
  fake = await startFakeTelegram();
  fake.addAccount({ phone: PHONE });
  alice = fake.world.addUser({ firstName: 'Alice', username: 'alice' });
});
afterEach(async () => {
  const errors = fake.server.connectionErrors;
  await fake.stop();
  expect(errors).toEqual([]); // no broken frames, unexpected messages or handler crashes
});

function collectTexts(c: TelegramClient): string[] {
  const texts: string[] = [];
  c.addEventHandler((e: NewMessageEvent) => texts.push(e.message.message), new NewMessage({}));
  return texts;
}

describe('fake telegram: connection loss and catching up', () => {
  it('reconnects by itself after the server drops every socket and still receives updates', async () => {
    const client = await fake.signedInClient(PHONE);
    const texts = collectTexts(client);
    fake.world.userWrites(PHONE, alice.id, 'before the drop');
    await fake.waitFor(() => texts.length === 1, 'the first message');

    const accepted = fake.server.acceptedConnections;
    fake.server.killAllSockets();
    // teleproto reconnects with the same auth key and calls getMe; after that it receives pushes again.
    await fake.waitFor(
      () => fake.server.acceptedConnections > accepted && fake.server.hasUpdatesConnection(PHONE),
      'teleproto to reconnect',
    );
    fake.world.userWrites(PHONE, alice.id, 'after the drop');
    await fake.waitFor(() => texts.length === 2, 'the message after the reconnect');
    expect(texts).toEqual(['before the drop', 'after the drop']);
    expect(fake.server.keyExchanges).toBe(1);
  });

  it('returns what arrived while the client was offline through updates.getDifference with correct pts', async () => {
    const first = await fake.signedInClient(PHONE);
    fake.world.userWrites(PHONE, alice.id, 'seen live');
    const state = await first.invoke(new Api.updates.GetState());
    expect(state.pts).toBe(fake.world.account(PHONE).pts);
    const saved = String(first.session.save());
    await first.destroy();

    const offlineText = fake.world.userWrites(PHONE, alice.id, 'while you were away');
    const offlinePhoto = fake.world.userSendsPhoto(PHONE, alice.id, Buffer.from('jpeg bytes'), 'and a photo');

    const second = fake.createClient({ session: saved });
    await second.connect();
    const liveTexts = collectTexts(second);
    const diff = await second.invoke(new Api.updates.GetDifference({ pts: state.pts, date: state.date, qts: 0 }));
    expect(diff).toBeInstanceOf(Api.updates.Difference);
    const difference = diff as Api.updates.Difference;
    const messages = difference.newMessages as Api.Message[];
    expect(messages.map((m) => [m.id, m.message])).toEqual([
      [offlineText.id, 'while you were away'],
      [offlinePhoto.id, 'and a photo'],
    ]);
    expect(messages[1]?.media).toBeInstanceOf(Api.MessageMediaPhoto);
    expect(difference.users.map((u) => u.id.toJSNumber())).toEqual([alice.id]);
    const newState = difference.state as Api.updates.State;
    expect(newState.pts).toBe(state.pts + 2);

    // Up to date now: nothing more, and nothing was pushed for the offline messages.
    const again = await second.invoke(new Api.updates.GetDifference({ pts: newState.pts, date: newState.date, qts: 0 }));
    expect(again).toBeInstanceOf(Api.updates.DifferenceEmpty);
    expect(liveTexts).toEqual([]);
  });

  it('counts the account’s own sends in pts, so getDifference from an older pts includes them', async () => {
    const client = await fake.signedInClient(PHONE);
    const before = await client.invoke(new Api.updates.GetState());
    await client.sendMessage('alice', { message: 'my reply' });
    fake.world.userWrites(PHONE, alice.id, 'their answer');
    const diff = (await client.invoke(new Api.updates.GetDifference({ pts: before.pts, date: before.date, qts: 0 }))) as Api.updates.Difference;
    const messages = diff.newMessages as Api.Message[];
    expect(messages.map((m) => [m.out, m.message])).toEqual([
      [true, 'my reply'],
      [false, 'their answer'],
    ]);
    expect((diff.state as Api.updates.State).pts).toBe(before.pts + 2);
  });
});
