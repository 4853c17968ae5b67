import { msg } from '../../shared/appMessage';
import type { AccountStatusEvent, AccountView, HumanSettings } from '../../shared/rpc/accounts';
import {
  clearAccountSession,
  deleteTelegramAccount,
  setAccountStatus,
  telegramAccount,
  telegramAccounts,
  updateAccountSettings,
  type AccountPatch,
} from '../db/repositories/accountsRepo';
import { AppFailure } from '../appFailure';
import { newChatTimesSince, sentTimesSince } from '../db/repositories/telegramStateRepo';
import { AccountConnection } from './accountConnection';
import type { AccountsService } from './accountsService';
import { accountView } from './accountView';
import type { TelegramClientOptions } from './clientFactory';
import { readHumanSettings } from './humanSettings';
import { logOutSession } from './logOut';
import { testProxy } from './proxyTest';
import { AccountImporter } from './import/accountImporter';
import { exportAccount } from './import/accountExport';
import type { AccountImportService } from './import/accountImportService';
import { LoginFlow } from './loginFlow';
import { sealProxy } from './proxySettings';
import type { TelegramContext } from './telegramContext';

export interface TelegramServiceOptions extends Omit<TelegramContext, 'statusChanged' | 'clientOptions'> {
  /** Told of every status change (after it is saved), e.g. to push `accounts.status` to the UI. */
  onStatus?(event: AccountStatusEvent): void;
  /** Extra teleproto client settings; tests and the sandbox host point the client at a local server here. */
  clientOptions?: TelegramClientOptions;
}

/** Backoff of a failed start: 1 s, 2 s, 4 s… up to 5 minutes. */
const retryBaseMs = 1_000;
const retryMaxMs = 5 * 60_000;

export interface TelegramService extends AccountsService, AccountImportService {
  /** Connects every enabled account; resolves when each is online or has given up (needs login, banned…). */
  start(): Promise<void>;
  /** Disconnects everything (pending logins included). Queued messages stay for the next start. */
  stop(): Promise<void>;
  /** Newly queued messages may be due: wake the account's sender (every sender when no account is given). */
  pokeSender(accountId?: number): void;
  /** Resolves when incoming updates seen so far are stored and their state saved (tests, shutdown). */
  idle(): Promise<void>;
}

/**
 * The Telegram adapter's single entry point for the composition root: accounts (login, import,
 * settings) and one connection per enabled account. It knows nothing of RPC: rpc/handlers/ wraps it.
 */
export function createTelegramService(options: TelegramServiceOptions): TelegramService {
  const { onStatus, clientOptions = {}, ...shared } = options;
  const { db, clock, secrets, log } = shared;
  const connections = new Map<number, AccountConnection>();

  const ctx: TelegramContext = {
    ...shared,
    clientOptions,
    statusChanged(event) {
      setAccountStatus(db, event.accountId, event.status, event.statusReason, event.floodUntil, clock.now());
      log.info('account status', { ...event });
      onStatus?.(event);
    },
  };

  const activity = (id: number): AccountView['activity'] => {
    const since = clock.now() - 24 * 60 * 60_000;
    return { messages24h: sentTimesSince(db, id, since).length, newChats24h: newChatTimesSince(db, id, since).length };
  };
  const view = (id: number): AccountView => {
    const row = telegramAccount(db, id);
    if (!row) throw new AppFailure('not_found', msg('accountMissing', { id }));
    return accountView(row, activity(id));
  };

  /** Accounts whose start failed transiently wait here for their next attempt. */
  const retries = new Map<number, NodeJS.Timeout>();
  const cancelRetry = (id: number): void => {
    clearTimeout(retries.get(id));
    retries.delete(id);
  };

  const stopAccount = async (id: number): Promise<void> => {
    cancelRetry(id);
    const connection = connections.get(id);
    connections.delete(id);
    await connection?.stop();
  };

  const startAccount = async (id: number, attempt = 0): Promise<void> => {
    await stopAccount(id);
    const connection = new AccountConnection(id, ctx);
    connections.set(id, connection);
    await connection.start().catch((error: unknown) => log.error('account start failed', { accountId: id, error }));
    // A start that failed for a passing reason (network, a Telegram hiccup) is tried again with
    // backoff, unless the account was stopped or restarted meanwhile. Needs-login and bans are final.
    if (connections.get(id) === connection && connection.failedTransiently) {
      const delayMs = Math.min(retryMaxMs, retryBaseMs * 2 ** Math.min(attempt, 16));
      log.info('account start will be retried', { accountId: id, attempt: attempt + 1, delayMs });
      const timer = setTimeout(() => {
        retries.delete(id);
        void startAccount(id, attempt + 1);
      }, delayMs);
      timer.unref?.();
      retries.set(id, timer);
    }
  };

  const login = new LoginFlow(ctx, async (id) => {
    await startAccount(id);
    return { state: 'signed_in', account: view(id) };
  });

  const importer = new AccountImporter(ctx, (id) => startAccount(id));

  const service: TelegramService = {
    async start() {
      await Promise.all(telegramAccounts(db).map((a) => startAccount(a.id)));
    },
    async stop() {
      for (const id of [...retries.keys()]) cancelRetry(id);
      await login.stop();
      await Promise.all([...connections.keys()].map(stopAccount));
    },
    pokeSender(accountId) {
      if (accountId === undefined) for (const c of connections.values()) c.sender.poke();
      else connections.get(accountId)?.sender.poke();
    },
    async idle() {
      await Promise.all([...connections.values()].map(async (c) => {
        await c.processor.idle();
        await c.inbound.idle();
      }));
    },
    list: () => telegramAccounts(db).map((row) => accountView(row, activity(row.id))),
    startLogin: (input) => login.start(input),
    submitCode: (loginId, code) => login.submitCode(loginId, code),
    submitPassword: (loginId, password) => login.submitPassword(loginId, password),
    cancelLogin: (loginId) => login.cancel(loginId),
    resendCode: (loginId) => login.resendCode(loginId),
    startQrLogin: (input) => login.startQr(input),
    loginStatus: (loginId) => login.status(loginId),
    testProxy: (proxy) => testProxy(proxy, ctx),
    async logOut(id) {
      const row = telegramAccount(db, id);
      if (!row) throw new AppFailure('not_found', msg('accountMissing', { id }));
      await stopAccount(id);
      await logOutSession(row, ctx);
      clearAccountSession(db, id, clock.now());
      onStatus?.({ accountId: id, status: 'needs_login', statusReason: 'LOGGED_OUT', floodUntil: null });
      return view(id);
    },
    importSession: (input) => login.importSession(input),
    importBatch: (input, onRow) => importer.importBatch(input, onRow),
    exportAccount: (accountId, password) => exportAccount(ctx, accountId, password),
    async update(input) {
      const row = telegramAccount(db, input.id);
      if (!row) throw new AppFailure('not_found', msg('accountMissing', { id: input.id }));
      const human: HumanSettings | undefined = input.human ? { ...readHumanSettings(row.human), ...input.human } : undefined;
      const patch: AccountPatch = {
        ...(input.apiId === undefined ? {} : { apiId: input.apiId }),
        ...(input.apiHash === undefined ? {} : { apiHashEnc: secrets.seal(input.apiHash) }),
        ...(input.proxy === undefined ? {} : { proxy: input.proxy === null ? null : sealProxy(input.proxy, secrets) }),
        ...(human ? { human: JSON.stringify(human) } : {}),
        ...(input.device === undefined ? {} : { device: JSON.stringify(input.device) }),
        ...(input.scriptId === undefined ? {} : { scriptId: input.scriptId }),
        ...(input.enabled === undefined ? {} : { enabled: input.enabled }),
      };
      updateAccountSettings(db, input.id, patch, clock.now());
      const reconnect =
        input.apiId !== undefined || input.apiHash !== undefined || input.proxy !== undefined || input.enabled !== undefined || input.device !== undefined;
      if (reconnect) {
        // Connection settings apply to a new client; the UI follows progress through accounts.status.
        void startAccount(input.id);
      } else if (human) {
        connections.get(input.id)?.reloadHuman();
      }
      return view(input.id);
    },
    async resumeSending(id) {
      const row = telegramAccount(db, id);
      if (!row) throw new AppFailure('not_found', msg('accountMissing', { id }));
      const connection = connections.get(id);
      if (connection) connection.resumeSending();
      else if (row.status === 'flood_limited') ctx.statusChanged({ accountId: id, status: 'offline', statusReason: null, floodUntil: null });
      log.info('sending resumed by the operator', { accountId: id });
      return view(id);
    },
    async remove(id) {
      await stopAccount(id);
      return deleteTelegramAccount(db, id);
    },
  };
  return service;
}
