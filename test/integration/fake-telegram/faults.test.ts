import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TelegramClient } from 'teleproto';
import { FloodWaitError, RPCError } from 'teleproto/errors';
import { startFakeTelegram, type FakeTelegram } from '../../support/fake-telegram/harness';
import type { SimUser } from '../../../src/main/sandbox/fakeTelegram/worldRecords';

let fake: FakeTelegram;
let client: TelegramClient;
let alice: SimUser;
let bob: SimUser;
const PHONE = '15550030';

beforeEach(async () => {
  fake = await startFakeTelegram();
  fake.addAccount({ phone: PHONE });
  alice = fake.world.addUser({ firstName: 'Alice', username: 'alice' });
  bob = fake.world.addUser({ firstName: 'Bob', username: 'bobby' });
  client = await fake.signedInClient(PHONE);
  await client.getEntity('alice'); // cache both peers so every send below is exactly one sendMessage call
  await client.getEntity('bobby');
});
afterEach(async () => {
  const errors = fake.server.connectionErrors;
  await fake.stop();
  expect(errors).toEqual([]); // no broken frames, unexpected messages or handler crashes
});

const sentTexts = (): string[] => fake.world.account(PHONE).sent.map((s) => s.text);

describe('fake telegram: fault injection', () => {
  it('FLOOD_WAIT at or below floodSleepThreshold: teleproto sleeps and retries by itself', async () => {
    fake.faults.floodWait('messages.sendMessage', 1, 2);
    await client.sendMessage('alice', { message: 'patient' });
    expect(sentTexts()).toEqual(['patient']);
    expect(fake.server.callsTo('messages.SendMessage').map((c) => c.error)).toEqual(['FLOOD_WAIT_1', 'FLOOD_WAIT_1', undefined]);
  });

  it('FLOOD_WAIT above floodSleepThreshold surfaces as FloodWaitError with the seconds', async () => {
    fake.faults.floodWait('messages.SendMessage', 120);
    const error = await client.sendMessage('alice', { message: 'too soon' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FloodWaitError);
    expect((error as FloodWaitError).seconds).toBe(120);
    expect(sentTexts()).toEqual([]);
    await client.sendMessage('alice', { message: 'later' }); // a one-shot fault is used up
    expect(sentTexts()).toEqual(['later']);
  });

  it('PEER_FLOOD surfaces as an RPC error and nothing is sent', async () => {
    fake.faults.peerFlood(1);
    await expect(client.sendMessage('alice', { message: 'spam?' })).rejects.toMatchObject({ code: 400, errorMessage: 'PEER_FLOOD' });
    expect(sentTexts()).toEqual([]);
  });

  it('USER_IS_BLOCKED and INPUT_USER_DEACTIVATED apply only to the chosen peer', async () => {
    fake.faults.userBlocked(alice.id);
    const blocked = await client.sendMessage('alice', { message: 'hello?' }).catch((e: unknown) => e);
    expect(blocked).toBeInstanceOf(RPCError);
    expect((blocked as RPCError).errorMessage).toBe('USER_IS_BLOCKED');
    await client.sendMessage('bobby', { message: 'hi Bob' });

    fake.faults.userDeactivated(bob.id);
    await expect(client.sendMessage('bobby', { message: 'still there?' })).rejects.toMatchObject({ errorMessage: 'INPUT_USER_DEACTIVATED' });
    expect(sentTexts()).toEqual(['hi Bob']);
  });

  it('holds back the answer of a slowed method while the effect already happened', async () => {
    fake.faults.delay('messages.sendMessage', 1000);
    let settled = false;
    const sending = client.sendMessage('alice', { message: 'slow' }).finally(() => (settled = true));
    await fake.waitFor(() => sentTexts().length === 1, 'the server to store the message');
    expect(settled).toBe(false);
    await sending;
    expect(sentTexts()).toEqual(['slow']);
  });
});
