import { randomUUID } from 'node:crypto';
import { Api, type TelegramClient } from 'teleproto';
import { computeCheck } from 'teleproto/Password.js';
import type { DeviceProfile, LoginFailureReason, LoginState, ProxyInput } from '../../shared/rpc/accounts';
import { upsertSignedInAccount } from '../db/repositories/accountsRepo';
import { AppFailure } from '../appFailure';
import { createTelegramClient, saveSession } from './clientFactory';
import { defaultDeviceProfile } from './deviceProfile';
import { clientProxy, sealProxy } from './proxySettings';
import type { TelegramContext } from './telegramContext';
import { describeError, floodWaitSeconds, loggedOutErrors, telegramErrorName } from './telegramErrors';

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
  phone: string;
  phoneCodeHash: string;
  passwordNeeded: boolean;
  expiry: NodeJS.Timeout;
}

/** A wizard left open this long is dropped (Telegram's codes expire sooner anyway). */
const pendingTtlMs = 15 * 60_000;
/** teleproto waits forever on an unreachable server or an unknown auth key; the wizard must not. */
const connectTimeoutMs = 30_000;

const failureReasons: Record<string, LoginFailureReason> = {
  PHONE_NUMBER_INVALID: 'phone_invalid',
  PHONE_NUMBER_UNOCCUPIED: 'phone_invalid',
  PHONE_NUMBER_BANNED: 'phone_banned',
  USER_DEACTIVATED_BAN: 'phone_banned',
  API_ID_INVALID: 'api_id_invalid',
  API_ID_PUBLISHED_FLOOD: 'api_id_invalid',
  PHONE_CODE_INVALID: 'code_invalid',
  PHONE_CODE_EMPTY: 'code_invalid',
  PHONE_CODE_EXPIRED: 'code_expired',
  PHONE_CODE_HASH_EMPTY: 'code_expired',
  PASSWORD_HASH_INVALID: 'password_invalid',
  FLOOD_WAIT: 'flood_wait',
};

/** Reasons after which the same login can try the same step again. */
const retryable = new Set<LoginFailureReason>(['code_invalid', 'password_invalid', 'flood_wait']);

/**
 * The add-account wizard: phone → code → (2FA password), or an existing session string. Each step
 * is one call that answers the next state. The client that logged in is thrown away once the
 * account is stored; the account's own connection then starts from the saved, encrypted session.
 */
export class LoginFlow {
  private readonly pending = new Map<string, PendingLogin>();

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
      const sent = await client.sendCode({ apiId: input.apiId, apiHash: input.apiHash }, input.phone);
      const id = randomUUID();
      const expiry = setTimeout(() => void this.cancel(id), pendingTtlMs);
      expiry.unref?.();
      this.pending.set(id, { ...input, id, client, phoneCodeHash: sent.phoneCodeHash, passwordNeeded: false, expiry });
      return { state: 'code_sent', loginId: id, phone: input.phone, via: sent.isCodeViaApp ? 'app' : 'sms' };
    } catch (error) {
      await client.destroy().catch(() => undefined);
      return failure(null, error);
    }
  }

  async submitCode(loginId: string, code: string): Promise<LoginState> {
    const login = this.get(loginId);
    try {
      const result = await login.client.invoke(new Api.auth.SignIn({ phoneNumber: login.phone, phoneCodeHash: login.phoneCodeHash, phoneCode: code }));
      if (result instanceof Api.auth.AuthorizationSignUpRequired) {
        await this.cancel(loginId);
        return { state: 'failed', loginId: null, reason: 'phone_invalid', retryAfterSeconds: null, message: 'No Telegram account uses this phone number yet; create one in the Telegram app first.' };
      }
      return await this.finish(login);
    } catch (error) {
      if (telegramErrorName(error) !== 'SESSION_PASSWORD_NEEDED') return this.failed(login, error);
      login.passwordNeeded = true;
      const password = await login.client.invoke(new Api.account.GetPassword());
      return { state: 'password_needed', loginId, hint: password.hint ?? '' };
    }
  }

  async submitPassword(loginId: string, password: string): Promise<LoginState> {
    const login = this.get(loginId);
    if (!login.passwordNeeded) throw new AppFailure('conflict', 'Enter the login code first');
    try {
      // SRP: the password itself never leaves this process, only a proof computed from it.
      const params = await login.client.invoke(new Api.account.GetPassword());
      await login.client.invoke(new Api.auth.CheckPassword({ password: await computeCheck(params, password) }));
      return await this.finish(login);
    } catch (error) {
      return this.failed(login, error);
    }
  }

  async importSession(entered: Credentials & { session: string }): Promise<LoginState> {
    const input = { ...entered, device: defaultDeviceProfile(null) };
    let client: TelegramClient;
    try {
      client = this.client(input.session, input);
    } catch {
      return { state: 'failed', loginId: null, reason: 'session_invalid', retryAfterSeconds: null, message: 'This is not a Telegram session string.' };
    }
    try {
      await withTimeout(client.connect(), connectTimeoutMs);
      return await this.store(client, input, null);
    } catch (error) {
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
    await login.client.destroy().catch(() => undefined);
    return true;
  }

  async stop(): Promise<void> {
    await Promise.all([...this.pending.keys()].map((id) => this.cancel(id)));
  }

  private get(loginId: string): PendingLogin {
    const login = this.pending.get(loginId);
    if (!login) throw new AppFailure('not_found', 'This login has expired or was cancelled; start again');
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

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`No answer from Telegram within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
