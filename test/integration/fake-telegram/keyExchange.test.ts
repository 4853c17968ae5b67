import bigInt from 'big-integer';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Api } from 'teleproto';
import { startFakeTelegram, type FakeTelegram } from '../../support/fake-telegram/harness';

let fake: FakeTelegram;
beforeEach(async () => {
  fake = await startFakeTelegram();
});
afterEach(async () => {
  const errors = fake.server.connectionErrors;
  await fake.stop();
  expect(errors).toEqual([]); // no broken frames, unexpected messages or handler crashes
});

describe('fake telegram: key exchange', () => {
  it('gives a fresh teleproto client an auth key and answers initConnection(help.getConfig)', async () => {
    const client = fake.createClient();
    await client.connect();
    expect(client.connected).toBe(true);
    expect(client.session.save()).not.toBe(''); // StringSession.save() is empty until there is an auth key
    await fake.waitFor(() => fake.server.callsTo('help.GetConfig').length > 0, 'help.getConfig');
    expect(await client.checkAuthorization()).toBe(false); // updates.getState → 401 AUTH_KEY_UNREGISTERED
  });

  it('agrees on the key across repeated handshakes', async () => {
    // Each run is a new DH with fresh nonces and exponents.
    for (let i = 0; i < 6; i++) {
      const client = fake.createClient();
      await client.connect();
      expect(await client.checkAuthorization()).toBe(false);
      await client.destroy();
    }
  });

  it('accepts a fixture session that is already signed in, without a key exchange', async () => {
    fake.addAccount({ phone: '+1 555 0100', username: 'fixture' });
    const client = fake.createClient({ session: await fake.fixtureSession('15550100') });
    await client.connect();
    const me = await client.getMe();
    expect(me.username).toBe('fixture');
  });

  it('answers ping and ping_delay_disconnect with a pong', async () => {
    const client = fake.createClient();
    await client.connect();
    const pong = await client.invoke(new Api.Ping({ pingId: bigInt(42) }));
    expect(pong).toBeInstanceOf(Api.Pong);
    expect((pong as Api.Pong).pingId.toJSNumber()).toBe(42);
    const delayed = await client.invoke(new Api.PingDelayDisconnect({ pingId: bigInt(43), disconnectDelay: 75 }));
    expect((delayed as Api.Pong).pingId.toJSNumber()).toBe(43);
    expect(fake.server.serviceMessages.ping).toBe(2);
  });

  it('answers an unknown method with METHOD_NOT_IMPLEMENTED so gaps show up in tests', async () => {
    fake.addAccount({ phone: '15550101' });
    const client = await fake.signedInClient('15550101');
    await expect(client.invoke(new Api.messages.GetAllStickers({ hash: bigInt(0) }))).rejects.toMatchObject({
      errorMessage: 'METHOD_NOT_IMPLEMENTED_MESSAGES_GETALLSTICKERS',
    });
  });
});
