import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Api } from 'teleproto';
import type { AccountView, LoginState } from '../../../src/shared/rpc/accounts';
import { startFakeTelegram, type FakeTelegram } from '../../support/fake-telegram/harness';
import { apiHash, startTelegramApp, type TelegramApp, closeAppAndServer } from './telegramFixture';

let fake: FakeTelegram;
let app: TelegramApp;

beforeEach(async () => {
  fake = await startFakeTelegram();
  app = startTelegramApp(fake);
});
afterEach(() => closeAppAndServer(app, fake));

const call = (method: Parameters<TelegramApp['call']>[0], input: Record<string, unknown>): Promise<LoginState> => app.call(method, input) as Promise<LoginState>;
const start = (phone: string): Promise<LoginState> => call('accounts.startLogin', { phone: `+${phone}`, apiId: 1, apiHash });
const loginId = (s: LoginState): string => ('loginId' in s && s.loginId ? s.loginId : '');

/** The QR's token as the phone app reads it from `tg://login?token=<base64url>`. */
const tokenOf = (s: LoginState): Buffer => Buffer.from(s.state === 'qr' ? (new URL(s.url).searchParams.get('token') ?? '') : '', 'base64url');

describe('login wizard: code delivery, resend, e-mail, DC migration', () => {
  it('offers "send it another way" with Telegram\'s countdown: app → SMS → call, then says nothing is left', async () => {
    fake.addAccount({ phone: '15550301', code: '55555' });
    const sent = await start('15550301');
    expect(sent).toMatchObject({ state: 'code_sent', via: 'app', length: 5, nextVia: 'sms', resendAfterSeconds: 30 });
    const id = loginId(sent);
    expect(await call('accounts.resendCode', { loginId: id })).toMatchObject({ state: 'code_sent', via: 'sms', nextVia: 'call', resendAfterSeconds: 60 });
    expect(await call('accounts.resendCode', { loginId: id })).toMatchObject({ state: 'code_sent', via: 'call', nextVia: null, resendAfterSeconds: null });
    expect(await call('accounts.resendCode', { loginId: id })).toMatchObject({ state: 'failed', reason: 'resend_unavailable', loginId: id });
    expect(await call('accounts.submitCode', { loginId: id, code: '55555' })).toMatchObject({ state: 'signed_in' });
    expect(fake.server.callsTo('auth.ResendCode')).toHaveLength(3);
  });

  it('takes a code sent by e-mail (as email_verification) and shows the masked address', async () => {
    fake.addAccount({ phone: '15550302', code: '77777', codeVia: 'email', emailPattern: 'l***a@mail.example' });
    const sent = await start('15550302');
    expect(sent).toMatchObject({ state: 'code_sent', via: 'email', emailPattern: 'l***a@mail.example', length: 5 });
    expect(await call('accounts.submitCode', { loginId: loginId(sent), code: '11111' })).toMatchObject({ state: 'failed', reason: 'code_invalid', loginId: loginId(sent) });
    expect(await call('accounts.submitCode', { loginId: loginId(sent), code: '77777' })).toMatchObject({ state: 'signed_in', account: { phone: '15550302', status: 'online' } });
  });

  it('explains sentCodeTypeSetUpEmailRequired instead of waiting for a code that never comes', async () => {
    fake.addAccount({ phone: '15550303', codeVia: 'email_setup_required' });
    expect(await start('15550303')).toMatchObject({ state: 'failed', reason: 'email_setup_required', loginId: null, message: expect.stringMatching(/login e-mail/) });
  });

  it('follows PHONE_MIGRATE_4 to the account\'s DC and keeps the session there', async () => {
    fake.addAccount({ phone: '15550304', code: '12345', homeDc: 4, username: 'on_dc4' });
    const sent = await start('15550304');
    expect(sent).toMatchObject({ state: 'code_sent' });
    expect(fake.server.callsTo('auth.SendCode').map((c) => c.error)).toEqual(['PHONE_MIGRATE_4', undefined]);
    const done = await call('accounts.submitCode', { loginId: loginId(sent), code: '12345' });
    expect(done).toMatchObject({ state: 'signed_in', account: { username: 'on_dc4', status: 'online' } });
    // The saved session is the DC 4 one: the account's own connection signs in there, no new login.
    expect(fake.server.activeSessions('15550304').map((s) => s.dcId)).toEqual([4]);
  });
});

describe('QR login', () => {
  it('shows a tg://login token, signs in when a logged-in phone scans it, and says so on the next status', async () => {
    fake.addAccount({ phone: '15550311', username: 'qr_user' });
    const phone = await fake.signedInClient('15550311');
    const qr = await call('accounts.startQrLogin', { apiId: 1, apiHash });
    expect(qr).toMatchObject({ state: 'qr', url: expect.stringMatching(/^tg:\/\/login\?token=[\w-]+$/) });
    expect(qr.state === 'qr' && qr.expiresAt).toBeGreaterThan(Date.now());
    expect(await call('accounts.loginStatus', { loginId: loginId(qr) })).toMatchObject({ state: 'qr', url: qr.state === 'qr' ? qr.url : '' });

    await phone.invoke(new Api.auth.AcceptLoginToken({ token: tokenOf(qr) }));
    const done = await waitForState(loginId(qr), 'signed_in');
    expect(done).toMatchObject({ state: 'signed_in', account: { username: 'qr_user', phone: '15550311', status: 'online' } });
    expect(fake.server.callsTo('auth.SignIn')).toHaveLength(1); // only the scanning phone's own login
  });

  it('refreshes the token before it expires; the old one no longer works', async () => {
    fake.addAccount({ phone: '15550312' });
    fake.world.loginTokenTtlSeconds = 6;
    const phone = await fake.signedInClient('15550312');
    const qr = await call('accounts.startQrLogin', { apiId: 1, apiHash });
    const first = qr.state === 'qr' ? qr.url : '';
    const refreshed = await pollUntil(loginId(qr), (s) => s.state === 'qr' && s.url !== first);
    await expect(phone.invoke(new Api.auth.AcceptLoginToken({ token: tokenOf(qr) }))).rejects.toMatchObject({ errorMessage: 'AUTH_TOKEN_INVALID' });
    await phone.invoke(new Api.auth.AcceptLoginToken({ token: tokenOf(refreshed) }));
    expect(await waitForState(loginId(qr), 'signed_in')).toMatchObject({ state: 'signed_in' });
  });

  it('asks for the 2FA password (with its hint) after the scan, on the account\'s own DC', async () => {
    fake.addAccount({ phone: '15550313', password: 'secret', passwordHint: 'the usual', homeDc: 4, username: 'qr_2fa' });
    const phone = await fake.signedInClient('15550313');
    const qr = await call('accounts.startQrLogin', { apiId: 1, apiHash });
    await phone.invoke(new Api.auth.AcceptLoginToken({ token: tokenOf(qr) }));
    expect(await waitForState(loginId(qr), 'password_needed')).toEqual({ state: 'password_needed', loginId: loginId(qr), hint: 'the usual' });
    // The token was exported on DC 2 and imported on DC 4 (loginTokenMigrateTo), where the account lives.
    expect(fake.server.callsTo('auth.ImportLoginToken').length).toBeGreaterThan(0);
    expect(await call('accounts.submitPassword', { loginId: loginId(qr), password: 'secret' })).toMatchObject({ state: 'signed_in', account: { username: 'qr_2fa' } });
    expect(fake.server.activeSessions('15550313').map((s) => s.dcId)).toContain(4);
  });
});

describe('log out and remove', () => {
  it('log out ends the session at Telegram and keeps the account; remove forgets it', async () => {
    fake.addAccount({ phone: '15550321' });
    const sent = await start('15550321');
    const done = await call('accounts.submitCode', { loginId: loginId(sent), code: '12345' });
    const id = done.state === 'signed_in' ? done.account.id : 0;
    expect(fake.server.activeSessions('15550321')).toHaveLength(1);
    const out = (await app.call('accounts.logOut', { id })) as AccountView;
    expect(out).toMatchObject({ id, status: 'needs_login', statusReason: 'LOGGED_OUT', hasSession: false });
    expect(fake.server.callsTo('auth.LogOut')).toHaveLength(1);
    expect(fake.server.activeSessions('15550321')).toHaveLength(0);
    expect((await app.call('accounts.list', {})) as AccountView[]).toHaveLength(1);
    expect(await app.call('accounts.remove', { id })).toEqual({ removed: true });
    expect((await app.call('accounts.list', {})) as AccountView[]).toHaveLength(0);
  });
});

/** Polls accounts.loginStatus as the wizard does (a safety cap, not a timing assertion). */
async function pollUntil(id: string, done: (s: LoginState) => boolean): Promise<LoginState> {
  for (let i = 0; i < 300; i++) {
    const state = await call('accounts.loginStatus', { loginId: id });
    if (done(state)) return state;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the login never reached the expected state');
}

const waitForState = (id: string, state: LoginState['state']): Promise<LoginState> => pollUntil(id, (s) => s.state === state || s.state === 'failed');
