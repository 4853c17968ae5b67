import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountView, LoginState } from '../../../src/shared/rpc/accounts';
import { startFakeTelegram, type FakeTelegram } from '../../support/fake-telegram/harness';
import { apiHash, closeTelegramApp, startTelegramApp, type TelegramApp, closeAppAndServer } from './telegramFixture';

let fake: FakeTelegram;
let app: TelegramApp;
const PHONE = '15550101';

beforeEach(async () => {
  fake = await startFakeTelegram();
  fake.addAccount({ phone: PHONE, code: '24680', password: 'hunter2', passwordHint: 'pet', firstName: 'Sales', username: 'sales_one' });
  app = startTelegramApp(fake);
});
afterEach(() => closeAppAndServer(app, fake));

const login = (input: Record<string, unknown>): Promise<LoginState> => app.call('accounts.startLogin', { apiId: 1, apiHash, ...input }) as Promise<LoginState>;
const step = (method: 'accounts.submitCode' | 'accounts.submitPassword', input: Record<string, unknown>): Promise<LoginState> =>
  app.call(method, input) as Promise<LoginState>;

describe('telegram accounts: login wizard', () => {
  it('signs in with phone, code and 2FA; wrong code and wrong password are retryable states', async () => {
    const sent = await login({ phone: `+${PHONE}` });
    expect(sent).toMatchObject({ state: 'code_sent', via: 'app' });
    const loginId = sent.state === 'code_sent' ? sent.loginId : '';

    expect(await step('accounts.submitCode', { loginId, code: '11111' })).toMatchObject({ state: 'failed', reason: 'code_invalid', loginId });
    expect(await step('accounts.submitCode', { loginId, code: '24680' })).toEqual({ state: 'password_needed', loginId, hint: 'pet' });
    expect(await step('accounts.submitPassword', { loginId, password: 'wrong' })).toMatchObject({ state: 'failed', reason: 'password_invalid', loginId });
    const done = await step('accounts.submitPassword', { loginId, password: 'hunter2' });
    expect(done.state).toBe('signed_in');
    const account = done.state === 'signed_in' ? done.account : ({} as AccountView);
    expect(account).toMatchObject({ phone: PHONE, username: 'sales_one', displayName: 'Sales', apiId: 1, hasApiHash: true, hasSession: true, enabled: true });
    expect(account.status).toBe('online'); // the account's own connection started from the saved session

    // The wizard is over: the login id is gone.
    await expect(step('accounts.submitCode', { loginId, code: '24680' })).rejects.toMatchObject({ code: 'not_found' });
    expect(app.statuses.map((s) => s.status)).toEqual(['connecting', 'online']);
    expect(fake.server.callsTo('updates.GetState').length).toBeGreaterThan(0);
  });

  it('reports an unknown phone and a FLOOD_WAIT with its seconds', async () => {
    expect(await login({ phone: '+19999999' })).toMatchObject({ state: 'failed', reason: 'phone_invalid', loginId: null });
    fake.faults.floodWait('auth.sendCode', 120);
    expect(await login({ phone: `+${PHONE}` })).toMatchObject({ state: 'failed', reason: 'flood_wait', retryAfterSeconds: 120 });
  });

  it('imports a session string; a bad one is refused', async () => {
    const session = await fake.fixtureSession(PHONE);
    const state = (await app.call('accounts.importSession', { session, apiId: 7, apiHash })) as LoginState;
    expect(state).toMatchObject({ state: 'signed_in', account: { username: 'sales_one', status: 'online', apiId: 7, phone: PHONE } });
    expect(fake.server.callsTo('auth.SignIn')).toHaveLength(0);
    const bad = (await app.call('accounts.importSession', { session: 'not-a-session-string', apiId: 7, apiHash })) as LoginState;
    expect(bad).toMatchObject({ state: 'failed', reason: 'session_invalid' });
  });

  it('refuses a well-formed session whose key the server does not know, with the reason, and stores nothing (issue 15)', async () => {
    // A real session string with its auth key bytes replaced: the server answers -404 (unknown key).
    const good = await fake.fixtureSession(PHONE);
    const bytes = Buffer.from(good.slice(1), 'base64');
    for (let i = bytes.length - 256; i < bytes.length; i++) bytes[i] = (bytes[i]! ^ 0x5a) & 0xff;
    const forged = `1${bytes.toString('base64')}`;
    const before = (await app.call('accounts.list', {})) as AccountView[];
    const state = (await app.call('accounts.importSession', { session: forged, apiId: 7, apiHash })) as LoginState;
    expect(state).toMatchObject({ state: 'failed', reason: 'session_invalid', loginId: null });
    expect(state.state === 'failed' ? state.message : '').toMatch(/session/i);
    expect(await app.call('accounts.list', {})).toEqual(before);
  });

  it('keeps the session and API hash encrypted at rest, out of RPC results and logs, and reconnects without logging in', async () => {
    const session = await fake.fixtureSession(PHONE);
    const secretHash = 'fedcba9876543210fedcba9876543210';
    await app.call('accounts.importSession', { session, apiId: 7, apiHash: secretHash, proxy: null });
    const listed = JSON.stringify(await app.call('accounts.list', {}));
    expect(listed).not.toContain(session.slice(0, 40));
    expect(listed).not.toContain(secretHash);

    await closeTelegramApp(app);
    for (const file of readdirSync(app.dataDir).filter((f) => f.startsWith('voronka.db'))) {
      const bytes = readFileSync(join(app.dataDir, file)).toString('latin1');
      expect(bytes).not.toContain(session.slice(0, 40));
      expect(bytes).not.toContain(secretHash);
    }
    expect(app.logLines.join('\n')).not.toContain(session.slice(0, 40));

    // A restart from the same data folder: the sealed session connects, no login round trips.
    app = startTelegramApp(fake, { dataDir: app.dataDir });
    await app.service.start();
    expect((await app.call('accounts.list', {})) as AccountView[]).toMatchObject([{ status: 'online' }]);
    expect(fake.server.callsTo('auth.SignIn')).toHaveLength(0);
  });

  it('stores a SOCKS5 proxy with its password sealed and shows only that it has one', async () => {
    const session = await fake.fixtureSession(PHONE);
    const state = (await app.call('accounts.importSession', { session, apiId: 7, apiHash })) as LoginState;
    const id = state.state === 'signed_in' ? state.account.id : 0;
    // Disabled first, so the test does not try to dial a proxy that is not there.
    await app.call('accounts.update', { id, enabled: false });
    const updated = (await app.call('accounts.update', { id, proxy: { type: 'socks5', host: '10.0.0.1', port: 1080, username: 'u', password: 'proxy-pass-123' } })) as AccountView;
    expect(updated.proxy).toEqual({ type: 'socks5', host: '10.0.0.1', port: 1080, username: 'u', hasPassword: true });
    expect(JSON.stringify(app.engine.db.prepare('SELECT proxy FROM accounts WHERE id = ?').get(id))).not.toContain('proxy-pass-123');
    await expect(app.call('accounts.update', { id, proxy: { type: 'mtproxy', host: 'x', port: 443, secret: 'nothex' } })).rejects.toThrow();
    const mt = (await app.call('accounts.update', { id, proxy: { type: 'mtproxy', host: 'mt.example', port: 443, secret: 'dd0123456789abcdef0123456789abcdef' } })) as AccountView;
    expect(mt.proxy).toEqual({ type: 'mtproxy', host: 'mt.example', port: 443, hasSecret: true });
  });
});
