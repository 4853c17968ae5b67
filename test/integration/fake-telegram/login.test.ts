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

function errorMessage(e: unknown): string {
  return e instanceof Error && 'errorMessage' in e ? String(e.errorMessage) : String(e);
}

describe('fake telegram: login', () => {
  it('signs in with phone, code and 2FA password (real SRP check)', async () => {
    fake.addAccount({ phone: '+15550001', code: '24680', password: 'hunter2', passwordHint: 'pet', username: 'me' });
    const client = fake.createClient();
    const hints: string[] = [];
    await client.start({
      phoneNumber: '+15550001',
      phoneCode: async () => '24680',
      password: async (hint) => {
        hints.push(hint ?? '');
        return 'hunter2';
      },
      onError: async (e) => {
        throw e;
      },
    });
    expect(hints).toEqual(['pet']);
    expect(await client.checkAuthorization()).toBe(true);
    expect((await client.getMe()).username).toBe('me');
    const methods = fake.server.calls.map((c) => c.method);
    expect(methods).toEqual(expect.arrayContaining(['auth.SendCode', 'auth.SignIn', 'account.GetPassword', 'auth.CheckPassword']));
    expect(fake.server.callsTo('auth.SignIn')[0]?.error).toBe('SESSION_PASSWORD_NEEDED');
  });

  it('rejects a wrong code with PHONE_CODE_INVALID and accepts the right one after it', async () => {
    fake.addAccount({ phone: '+15550002', code: '11111' });
    const client = fake.createClient();
    const codes = ['99999', '11111'];
    const errors: string[] = [];
    await client.start({
      phoneNumber: '+15550002',
      phoneCode: async () => codes.shift() ?? '',
      onError: async (e) => {
        errors.push(errorMessage(e));
        return false; // keep going: teleproto asks for the code again
      },
    });
    expect(errors).toEqual(['PHONE_CODE_INVALID']);
    expect(await client.checkAuthorization()).toBe(true);
  });

  it('rejects a wrong 2FA password with PASSWORD_HASH_INVALID', async () => {
    fake.addAccount({ phone: '+15550003', password: 'right' });
    const client = fake.createClient();
    await client.connect();
    const { phoneCodeHash } = await client.sendCode({ apiId: 1, apiHash: '0123456789abcdef0123456789abcdef' }, '+15550003');
    await expect(client.invoke(new Api.auth.SignIn({ phoneNumber: '+15550003', phoneCodeHash, phoneCode: '12345' }))).rejects.toMatchObject({
      errorMessage: 'SESSION_PASSWORD_NEEDED',
    });
    const wrong = await client
      .signInWithPassword({ apiId: 1, apiHash: '0123456789abcdef0123456789abcdef' }, {
        password: async () => 'wrong',
        onError: async (e) => {
          throw e;
        },
      })
      .catch((e: unknown) => errorMessage(e));
    expect(wrong).toBe('PASSWORD_HASH_INVALID');
    expect(await client.checkAuthorization()).toBe(false);
    const user = await client.signInWithPassword({ apiId: 1, apiHash: '0123456789abcdef0123456789abcdef' }, {
      password: async () => 'right',
      onError: async (e) => {
        throw e;
      },
    });
    expect(user).toBeInstanceOf(Api.User);
    expect(await client.checkAuthorization()).toBe(true);
  });

  it('reconnects from a saved StringSession without logging in again', async () => {
    fake.addAccount({ phone: '+15550004', username: 'saved' });
    const first = await fake.signedInClient('15550004');
    const saved = String(first.session.save());
    await first.destroy();
    expect(fake.server.keyExchanges).toBe(1);

    const second = fake.createClient({ session: saved });
    await second.connect();
    expect(await second.checkAuthorization()).toBe(true);
    expect((await second.getMe()).username).toBe('saved');
    expect(fake.server.callsTo('auth.SignIn')).toHaveLength(1); // only the first client's login
    expect(fake.server.keyExchanges).toBe(1); // the saved auth key was reused: no second DH
  });
});
