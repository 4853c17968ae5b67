import { msg } from '../../shared/appMessage';
import { randomUUID } from 'node:crypto';
import { Api, type TelegramClient } from 'teleproto';
import { computeCheck } from 'teleproto/Password.js';
import type { CodeVia, DeviceProfile, LoginFailureReason, LoginState, ProxyInput } from '../../shared/rpc/accounts';
import { upsertSignedInAccount } from '../db/repositories/accountsRepo';
import { AppFailure } from '../appFailure';
import { createTelegramClient, saveSession } from './clientFactory';
import { defaultDeviceProfile } from './deviceProfile';
import { clientProxy, sealProxy } from './proxySettings';
import { QrLogin } from './qrLogin';
import type { TelegramContext } from './telegramContext';
import { describeError, floodWaitSeconds, loggedOutErrors, telegramErrorName } from './telegramErrors';
import { withTimeout } from './withTimeout';

interface Credentials {
  apiId: number;
  apiHash: string;
  proxy?: ProxyInput | null;
  scriptId?: number | null;
}

interface PendingLogin extends Credentials {
  device: DeviceProfile;
  id: string;
  client: TelegramClient;
  /** null for a QR login (the phone comes from the account once signed in). */
  phone: string | null;
  phoneCodeHash: string;
  /** Where the last code went; an e-mailed code is submitted as email_verification. */
  via: CodeVia | null;
  passwordNeeded: boolean;
  expiry: NodeJS.Timeout;
  qr?: QrLogin;
  /** What accounts.loginStatus answers now. */
  last: LoginState;
}

/** A wizard left open this long is dropped (Telegram's codes expire sooner anyway). */
const pendingTtlMs = 15 * 60_000;
/** teleproto waits forever on an unreachable server or an unknown auth key; the wizard must not. */
const connectTimeoutMs = 30_000;
/** How long the outcome of a QR login that finished in the background stays readable. */
const finishedTtlMs = 5 * 60_000;

const failureReasons: Record<string, LoginFailureReason> = {
  PHONE_NUMBER_INVALID: 'phone_invalid',
  PHONE_NUMBER_UNOCCUPIED: 'phone_invalid',
  PHONE_NUMBER_BANNED: 'phone_banned',
  USER_DEACTIVATED_BAN: 'phone_banned',
  API_ID_INVALID: 'api_id_invalid',
  API_ID_PUBLISHED_FLOOD: 'api_id_invalid',
  PHONE_CODE_INVALID: 'code_invalid',
  PHONE_CODE_EMPTY: 'code_invalid',
  EMAIL_CODE_INVALID: 'code_invalid',
  PHONE_CODE_EXPIRED: 'code_expired',
  PHONE_CODE_HASH_EMPTY: 'code_expired',
  PASSWORD_HASH_INVALID: 'password_invalid',
  SEND_CODE_UNAVAILABLE: 'resend_unavailable',
  FLOOD_WAIT: 'flood_wait',
};

/** Reasons after which the same login can try the same step again. */
const retryable = new Set<LoginFailureReason>(['code_invalid', 'password_invalid', 'flood_wait', 'resend_unavailable']);

/**
 * The add-account wizard: phone → code (app, SMS, call or e-mail; "send it another way" with
 * Telegram's countdown) → (2FA password), a QR code scanned from a signed-in phone, or an existing
 * session string. Each step is one call that answers the next state. The client that logged in is
 * thrown away once the account is stored; the account's own connection then starts from the saved,
 * encrypted session.
 */
export class LoginFlow {
  private readonly pending = new Map<string, PendingLogin>();
  private readonly finished = new Map<string, LoginState>();

  constructor(
    private readonly ctx: TelegramContext,
    private readonly signedIn: (accountId: number) => Promise<LoginState>,
  ) {}

  async start(entered: Credentials & { phone: string }): Promise<LoginState> {
    // Stored and shown as digits only, the way Telegram reports phones.
    const phone = entered.phone.replace(/\D/g, '');
    // The login already presents the device the account will keep (Telegram lists it under Devices).
    const input = { ...entered, phone, device: defaultDeviceProfile(phone) };
    const client = this.client('', input);
    try {
      await withTimeout(client.connect(), connectTimeoutMs);
      // teleproto's invoke follows PHONE_MIGRATE_X to the account's DC by itself (new key there).
      const sent = await this.sendCode(client, input);
      if (sent.type instanceof Api.auth.SentCodeTypeSetUpEmailRequired) {
        await client.destroy().catch(() => undefined);
        return {
          state: 'failed',
          loginId: null,
          reason: 'email_setup_required',
          retryAfterSeconds: null,
          message: 'Telegram asks this account to set up a login e-mail first, in the official Telegram app.',
        };
      }
      const login = this.register(client, input, { phone: input.phone, phoneCodeHash: sent.phoneCodeHash });
      return this.codeSent(login, sent);
    } catch (error) {
      await client.destroy().catch(() => undefined);
      return failure(null, error);
    }
  }

  async resendCode(loginId: string): Promise<LoginState> {
    const login = this.get(loginId);
    if (login.phone === null) throw new AppFailure('conflict', msg('qrNoCode'));
    try {
      const sent = await login.client.invoke(new Api.auth.ResendCode({ phoneNumber: login.phone, phoneCodeHash: login.phoneCodeHash }));
      if (!(sent instanceof Api.auth.SentCode)) return await this.finish(login);
      login.phoneCodeHash = sent.phoneCodeHash;
      return this.codeSent(login, sent);
    } catch (error) {
      return this.failed(login, error);
    }
  }

  async submitCode(loginId: string, code: string): Promise<LoginState> {
    const login = this.get(loginId);
    if (login.phone === null) throw new AppFailure('conflict', msg('qrScanInstead'));
    try {
      const request = new Api.auth.SignIn({
        phoneNumber: login.phone,
        phoneCodeHash: login.phoneCodeHash,
        ...(login.via === 'email' ? { emailVerification: new Api.EmailVerificationCode({ code }) } : { phoneCode: code }),
      });
      const result = await login.client.invoke(request);
      if (result instanceof Api.auth.AuthorizationSignUpRequired) {
        await this.cancel(loginId);
        return { state: 'failed', loginId: null, reason: 'phone_invalid', retryAfterSeconds: null, message: 'No Telegram account uses this phone number yet; create one in the Telegram app first.' };
      }
      return await this.finish(login);
    } catch (error) {
      if (telegramErrorName(error) !== 'SESSION_PASSWORD_NEEDED') return this.failed(login, error);
      return this.askPassword(login);
    }
  }

  async submitPassword(loginId: string, password: string): Promise<LoginState> {
    const login = this.get(loginId);
    if (!login.passwordNeeded) throw new AppFailure('conflict', msg('codeFirst'));
    try {
      // SRP: the password itself never leaves this process, only a proof computed from it.
      const params = await login.client.invoke(new Api.account.GetPassword());
      await login.client.invoke(new Api.auth.CheckPassword({ password: await computeCheck(params, password) }));
      return await this.finish(login);
    } catch (error) {
      return this.failed(login, error);
    }
  }

  /** QR login: the answer shows the first token; accounts.loginStatus follows the refreshes and the scan. */
  async startQr(entered: Credentials): Promise<LoginState> {
    const input = { ...entered, device: defaultDeviceProfile(null) };
    const client = this.client('', input);
    try {
      await withTimeout(client.connect(), connectTimeoutMs);
      const login = this.register(client, input, { phone: null, phoneCodeHash: '' });
      const qr = new QrLogin(client, { apiId: input.apiId, apiHash: input.apiHash }, {
        signedIn: () => void this.settleQr(login, () => this.finish(login)),
        passwordNeeded: () => void this.settleQr(login, () => this.askPassword(login)),
        failed: (error) => void this.settleQr(login, () => this.failed(login, error)),
      });
      login.qr = qr;
      await withTimeout(qr.start(), connectTimeoutMs);
      login.last = this.qrState(login);
      return login.last;
    } catch (error) {
      await client.destroy().catch(() => undefined);
      return failure(null, error);
    }
  }

  async status(loginId: string): Promise<LoginState> {
    const finished = this.finished.get(loginId);
    if (finished) return finished;
    const login = this.get(loginId);
    // A QR token is replaced before it expires: always answer the current one.
    if (login.qr && login.last.state === 'qr') login.last = this.qrState(login);
    return login.last;
  }

  async importSession(entered: Credentials & { session: string }): Promise<LoginState> {
    const input = { ...entered, device: defaultDeviceProfile(null) };
    let client: TelegramClient;
    try {
      client = this.client(input.session, input);
    } catch {
      return { state: 'failed', loginId: null, reason: 'session_invalid', retryAfterSeconds: null, message: 'This is not a Telegram session string.' };
    }
    // A well-formed string whose auth key the server does not know (logged out, another server) gets
    // transport error -404: teleproto marks the key broken but never answers the pending request (its
    // connection-state event is not dispatched to handlers), so without this the wizard would wait out
    // the whole timeout and then blame the network.
    let rejectUnknown: (error: Error) => void = () => undefined;
    const unknownKey = new Promise<never>((_, reject) => (rejectUnknown = reject));
    unknownKey.catch(() => undefined);
    try {
      const connecting = withTimeout(client.connect(), connectTimeoutMs);
      void onBadAuthKey(client, () => rejectUnknown(new UnknownSessionKey()));
      await Promise.race([connecting, unknownKey]);
      return await Promise.race([this.store(client, input, null), unknownKey]);
    } catch (error) {
      if (error instanceof UnknownSessionKey)
        return { state: 'failed', loginId: null, reason: 'session_invalid', retryAfterSeconds: null, message: error.message };
      return failure(null, error, 'session_invalid');
    } finally {
      await client.destroy().catch(() => undefined);
    }
  }

  async cancel(loginId: string): Promise<boolean> {
    const login = this.pending.get(loginId);
    if (!login) return false;
    this.pending.delete(loginId);
    clearTimeout(login.expiry);
    login.qr?.stop();
    await login.client.destroy().catch(() => undefined);
    return true;
  }

  async stop(): Promise<void> {
    await Promise.all([...this.pending.keys()].map((id) => this.cancel(id)));
  }

  private register(client: TelegramClient, input: Credentials & { device: DeviceProfile }, code: { phone: string | null; phoneCodeHash: string }): PendingLogin {
    const id = randomUUID();
    const expiry = setTimeout(() => void this.cancel(id), pendingTtlMs);
    expiry.unref?.();
    const login: PendingLogin = { ...input, ...code, id, client, via: null, passwordNeeded: false, expiry, last: { state: 'failed', loginId: id, reason: 'network', retryAfterSeconds: null, message: 'starting' } };
    this.pending.set(id, login);
    return login;
  }

  private async sendCode(client: TelegramClient, input: Credentials & { phone: string }): Promise<Api.auth.SentCode> {
    const request = (): Promise<Api.auth.TypeSentCode> =>
      client.invoke(new Api.auth.SendCode({ phoneNumber: input.phone, apiId: input.apiId, apiHash: input.apiHash, settings: new Api.CodeSettings({}) }));
    // AUTH_RESTART: Telegram dropped the half-done login on its side; asking again is the documented fix.
    const sent = await request().catch((error: unknown) => (telegramErrorName(error) === 'AUTH_RESTART' ? request() : Promise.reject(error)));
    if (!(sent instanceof Api.auth.SentCode)) throw new Error('Telegram signed this phone in without a code; log in again');
    return sent;
  }

  private codeSent(login: PendingLogin, sent: Api.auth.SentCode): LoginState {
    login.via = codeVia(sent.type);
    login.last = {
      state: 'code_sent',
      loginId: login.id,
      phone: login.phone ?? '',
      via: login.via,
      length: 'length' in sent.type && typeof sent.type.length === 'number' ? sent.type.length : null,
      emailPattern: sent.type instanceof Api.auth.SentCodeTypeEmailCode ? sent.type.emailPattern : null,
      nextVia: sent.nextType ? nextVia(sent.nextType) : null,
      resendAfterSeconds: sent.nextType ? (sent.timeout ?? 0) : null,
      sentAt: this.ctx.clock.now(),
    };
    return login.last;
  }

  private qrState(login: PendingLogin): LoginState {
    const { url, expiresAt } = (login.qr as QrLogin).current;
    return { state: 'qr', loginId: login.id, url, expiresAt };
  }

  private async askPassword(login: PendingLogin): Promise<LoginState> {
    login.passwordNeeded = true;
    const password = await login.client.invoke(new Api.account.GetPassword());
    login.last = { state: 'password_needed', loginId: login.id, hint: password.hint ?? '' };
    return login.last;
  }

  /** A QR login moved on by itself (scanned, failed): keep the outcome for loginStatus. */
  private async settleQr(login: PendingLogin, next: () => Promise<LoginState>): Promise<void> {
    const state = await next().catch((error: unknown) => failure(null, error));
    if (state.state === 'password_needed') return;
    this.finished.set(login.id, state);
    setTimeout(() => this.finished.delete(login.id), finishedTtlMs).unref?.();
  }

  private get(loginId: string): PendingLogin {
    const login = this.pending.get(loginId);
    if (!login) throw new AppFailure('not_found', msg('loginExpired'));
    return login;
  }

  private client(session: string, input: Credentials & { device: DeviceProfile }): TelegramClient {
    const proxy = input.proxy ? clientProxy(sealProxy(input.proxy, this.ctx.secrets), this.ctx.secrets) : undefined;
    return createTelegramClient({ session, apiId: input.apiId, apiHash: input.apiHash, device: input.device, ...(proxy ? { proxy } : {}) }, this.ctx.clientOptions);
  }

  private async failed(login: PendingLogin, error: unknown): Promise<LoginState> {
    const state = failure(login.id, error);
    if (state.state === 'failed' && state.loginId === null) await this.cancel(login.id);
    return state;
  }

  private async finish(login: PendingLogin): Promise<LoginState> {
    try {
      return await this.store(login.client, login, login.phone);
    } finally {
      await this.cancel(login.id);
    }
  }

  /** Saves the signed-in session (sealed) with the update state to resume from, then starts the account. */
  private async store(client: TelegramClient, input: Credentials & { device: DeviceProfile }, phone: string | null): Promise<LoginState> {
    const { db, secrets, clock } = this.ctx;
    const me = (await client.getMe()) as Api.User;
    const state = await client.invoke(new Api.updates.GetState());
    const session = saveSession(client);
    const accountId = upsertSignedInAccount(
      db,
      {
        phone: phone ?? me.phone ?? null,
        telegramUserId: me.id.toString(),
        username: me.username ?? null,
        displayName: [me.firstName, me.lastName].filter(Boolean).join(' ') || null,
        apiId: input.apiId,
        apiHashEnc: secrets.seal(input.apiHash),
        sessionEnc: secrets.seal(session),
        proxy: input.proxy ? sealProxy(input.proxy, secrets) : null,
        device: JSON.stringify(input.device),
        ...(input.scriptId === undefined ? {} : { scriptId: input.scriptId }),
        pts: state.pts,
        qts: state.qts,
        updateDate: state.date,
      },
      clock.now(),
    );
    return this.signedIn(accountId);
  }
}

function codeVia(type: Api.auth.TypeSentCodeType): CodeVia {
  if (type instanceof Api.auth.SentCodeTypeApp) return 'app';
  if (type instanceof Api.auth.SentCodeTypeSms || type instanceof Api.auth.SentCodeTypeFirebaseSms) return 'sms';
  if (type instanceof Api.auth.SentCodeTypeCall || type instanceof Api.auth.SentCodeTypeFlashCall || type instanceof Api.auth.SentCodeTypeMissedCall) return 'call';
  if (type instanceof Api.auth.SentCodeTypeEmailCode) return 'email';
  return 'other';
}

function nextVia(type: Api.auth.TypeCodeType): CodeVia {
  if (type instanceof Api.auth.CodeTypeSms) return 'sms';
  if (type instanceof Api.auth.CodeTypeCall || type instanceof Api.auth.CodeTypeFlashCall || type instanceof Api.auth.CodeTypeMissedCall) return 'call';
  return 'other';
}

function failure(loginId: string | null, error: unknown, fallback: LoginFailureReason = 'network'): LoginState {
  const name = telegramErrorName(error);
  const reason = name ? (failureReasons[name] ?? (loggedOutErrors.has(name) ? 'session_invalid' : fallback)) : fallback;
  const seconds = floodWaitSeconds(error) ?? null;
  return {
    state: 'failed',
    loginId: retryable.has(reason) ? loginId : null,
    reason,
    retryAfterSeconds: seconds,
    message: describeError(error),
  };
}

/** The server does not know a session's auth key (transport error -404). */
class UnknownSessionKey extends Error {
  constructor() {
    super('Telegram does not know this session: it was logged out, or it was made for another server.');
  }
}

/**
 * Calls `then` when the main sender learns the server forgot its auth key (-404). teleproto has no
 * public hook for it: its sender's handler is wrapped (pinned version; without the method the login
 * just falls back to its timeout).
 */
async function onBadAuthKey(client: TelegramClient, then: () => void): Promise<void> {
  type Sender = { _handleBadAuthKey?: (skipForMain?: boolean) => void };
  const held = client as unknown as { _sender?: Sender };
  // connect() creates its sender after an async session set-up, well before any answer can arrive.
  for (let i = 0; i < 1000 && !held._sender; i++) await new Promise((resolve) => setImmediate(resolve));
  const sender = held._sender;
  const original = sender?._handleBadAuthKey;
  if (!sender || typeof original !== 'function') return;
  sender._handleBadAuthKey = (skipForMain?: boolean) => {
    if (!skipForMain) then();
    original.call(sender, skipForMain);
  };
}
