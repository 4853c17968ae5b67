import { Api, type TelegramClient } from 'teleproto';
import { Logger, LogLevel } from 'teleproto/extensions/Logger.js';
import { computeCheck } from 'teleproto/Password.js';
import { StringSession } from 'teleproto/sessions/index.js';
import type { ImportBatchInput, ImportOutcome, ImportRow } from '../../../shared/rpc/accountImport';
import { accountIdByTelegramUser, telegramAccounts, upsertSignedInAccount } from '../../db/repositories/accountsRepo';
import { createTelegramClient, saveSession } from '../clientFactory';
import { defaultDeviceProfile } from '../deviceProfile';
import { clientProxy, sealProxy } from '../proxySettings';
import type { TelegramContext } from '../telegramContext';
import { bannedErrors, describeError, loggedOutErrors, telegramErrorName } from '../telegramErrors';
import { withTimeout } from '../withTimeout';
import { collectCandidates, type ImportCandidate } from './importCandidates';

/** Each account gets this long to connect and answer; a dead proxy or host must not stall the batch. */
const checkTimeoutMs = 30_000;

type SessionCandidate = Extract<ImportCandidate, { kind: 'session' }>;

/** Thrown when the server does not know the auth key at all (transport error -404). */
class UnknownAuthKey extends Error {}

/**
 * A session whose auth key Telegram does not know gets transport error -404; teleproto then only
 * logs "Broken authorization key" and waits forever (its `broken` connection state is not
 * delivered during connect). Its logger is the one place that hears it, so the import client
 * gets this silent logger that turns that warning into a failure of the check.
 */
class BrokenKeyWatcher extends Logger {
  private fail: (error: Error) => void = () => undefined;
  readonly broken = new Promise<never>((_, reject) => (this.fail = reject));

  constructor() {
    super(LogLevel.NONE);
    this.broken.catch(() => undefined);
  }

  override warn(message: string): void {
    if (/Broken authorization key/i.test(message)) this.fail(new UnknownAuthKey('AUTH_KEY_UNKNOWN'));
  }
}

/**
 * Bulk import: every candidate is connected with the API id and device it came with, checked with
 * users.getFullUser(self), and saved only if that worked and Voronka does not have the account yet.
 * One row per account comes back (and is reported as it is done, for progress).
 */
export class AccountImporter {
  constructor(
    private readonly ctx: TelegramContext,
    /** Starts the saved account's own connection. */
    private readonly started: (accountId: number) => Promise<void>,
  ) {}

  async importBatch(input: ImportBatchInput, onRow?: (row: ImportRow, done: number, total: number) => void): Promise<ImportRow[]> {
    const files = input.files.map((f) => ({ path: f.path, bytes: Buffer.from(f.dataBase64, 'base64') }));
    const candidates = await collectCandidates(files, input.text, input.tdataPasscode, input.exportPassword);
    const rows: ImportRow[] = [];
    /** Telegram user ids seen in this batch, so a second copy of an account is "already present". */
    const seen = new Set<string>();
    for (const candidate of candidates) {
      const row = candidate.kind === 'error' ? errorRow(candidate) : await this.importOne(candidate, input, seen);
      rows.push(row);
      onRow?.(row, rows.length, candidates.length);
    }
    return rows;
  }

  private async importOne(c: SessionCandidate, input: ImportBatchInput, seen: Set<string>): Promise<ImportRow> {
    const base: ImportRow = { source: c.source, format: c.format, outcome: 'failed', account: null, detail: null, warning: null, device: c.device ?? null };
    const api = c.apiId !== undefined && c.apiHash ? { apiId: c.apiId, apiHash: c.apiHash } : input.apiId !== undefined && input.apiHash ? { apiId: input.apiId, apiHash: input.apiHash } : undefined;
    if (!api) return { ...base, outcome: 'needs_api', detail: 'This format carries no API id/hash: enter them for the batch' };

    // The very same session already running in Voronka must not be connected a second time: two
    // live connections on one auth key is what makes Telegram kill it (AUTH_KEY_DUPLICATED).
    const sameKey = await this.storedAccountWithKey(c.session);
    if (sameKey) {
      seen.add(sameKey.telegramUserId ?? '');
      return { ...base, outcome: 'already_present', warning: 'session_shared', account: summary(sameKey.id, sameKey), detail: 'This exact session is already in Voronka' };
    }

    const { secrets } = this.ctx;
    // The batch's proxy wins; else the one a Voronka export carried (the account's own IP).
    const proxyInput = input.proxy ?? c.proxy ?? null;
    const proxy = proxyInput ? clientProxy(sealProxy(proxyInput, secrets), secrets) : undefined;
    // The device the session presents from the first connection on: its own, else a plausible desktop.
    const device = c.device ?? defaultDeviceProfile(null);
    const watcher = new BrokenKeyWatcher();
    const client = createTelegramClient(
      { session: c.session, ...api, ...(proxy ? { proxy } : {}), device },
      { ...this.ctx.clientOptions, connectionRetries: 2, reconnectRetries: 0, baseLogger: watcher },
    );
    try {
      const me = await withTimeout(Promise.race([this.check(client, c.password ?? input.password), watcher.broken]), checkTimeoutMs);
      const userId = me.id.toString();
      const account = { id: accountIdByTelegramUser(this.ctx.db, userId) ?? null, displayName: [me.firstName, me.lastName].filter(Boolean).join(' ') || null, username: me.username ?? null, phone: me.phone ?? null };
      if (account.id !== null || seen.has(userId)) {
        const twice = seen.has(userId);
        seen.add(userId);
        return { ...base, outcome: 'already_present', account, detail: twice ? 'The same account appears twice in this batch' : 'Voronka already has this account' };
      }
      seen.add(userId);
      const state = await client.invoke(new Api.updates.GetState());
      const id = upsertSignedInAccount(
        this.ctx.db,
        {
          phone: me.phone ?? null,
          telegramUserId: userId,
          username: account.username,
          displayName: account.displayName,
          apiId: api.apiId,
          apiHashEnc: secrets.seal(api.apiHash),
          sessionEnc: secrets.seal(saveSession(client)),
          proxy: proxyInput ? sealProxy(proxyInput, secrets) : null,
          ...(input.scriptId === undefined ? {} : { scriptId: input.scriptId }),
          pts: state.pts,
          qts: state.qts,
          updateDate: state.date,
          device: JSON.stringify(device),
        },
        this.ctx.clock.now(),
      );
      // The checking client goes first, so the account's own connection is the only one on the key.
      await client.destroy().catch(() => undefined);
      await this.started(id);
      return { ...base, outcome: 'imported', account: { ...account, id } };
    } catch (error) {
      return { ...base, ...classify(error) };
    } finally {
      await client.destroy().catch(() => undefined);
    }
  }

  /** Connects and asks for the full self user; completes a pending 2FA login when a password is known. */
  private async check(client: TelegramClient, password: string | undefined): Promise<Api.User> {
    await client.connect();
    try {
      return await fullSelf(client);
    } catch (error) {
      if (telegramErrorName(error) !== 'SESSION_PASSWORD_NEEDED' || !password) throw error;
      const params = await client.invoke(new Api.account.GetPassword());
      await client.invoke(new Api.auth.CheckPassword({ password: await computeCheck(params, password) }));
      return fullSelf(client);
    }
  }

  private async storedAccountWithKey(session: string): Promise<{ id: number; telegramUserId: string | null; displayName: string | null; username: string | null; phone: string | null } | undefined> {
    const key = await authKeyOf(session);
    if (!key) return undefined;
    for (const row of telegramAccounts(this.ctx.db)) {
      if (!row.sessionEnc) continue;
      try {
        if ((await authKeyOf(this.ctx.secrets.open(row.sessionEnc)))?.equals(key)) return row;
      } catch {
        // A session sealed with another key file cannot be the same one.
      }
    }
    return undefined;
  }
}

async function fullSelf(client: TelegramClient): Promise<Api.User> {
  const full = await client.invoke(new Api.users.GetFullUser({ id: new Api.InputUserSelf() }));
  const me = full.users.find((u): u is Api.User => u instanceof Api.User && u.id.equals(full.fullUser.id));
  if (!me) throw new Error('Telegram did not return the account itself');
  return me;
}

async function authKeyOf(session: string): Promise<Buffer | undefined> {
  try {
    const parsed = new StringSession(session);
    await parsed.load();
    return parsed.authKey?.getKey();
  } catch {
    return undefined;
  }
}

function summary(id: number, a: { displayName: string | null; username: string | null; phone: string | null }): ImportRow['account'] {
  return { id, displayName: a.displayName, username: a.username, phone: a.phone };
}

function errorRow(c: Extract<ImportCandidate, { kind: 'error' }>): ImportRow {
  return { source: c.source, format: c.format, outcome: c.outcome ?? 'wrong_format', account: null, detail: c.detail, warning: null, device: null };
}

function classify(error: unknown): { outcome: ImportOutcome; detail: string } {
  if (error instanceof UnknownAuthKey) return { outcome: 'dead', detail: 'AUTH_KEY_UNKNOWN' };
  const name = telegramErrorName(error);
  const detail = describeError(error);
  if (name === 'AUTH_KEY_DUPLICATED') return { outcome: 'duplicated', detail };
  if (name && loggedOutErrors.has(name)) return { outcome: 'dead', detail };
  if (name && bannedErrors.has(name)) return { outcome: 'banned', detail };
  if (name === 'SESSION_PASSWORD_NEEDED' || name === 'PASSWORD_HASH_INVALID') return { outcome: 'needs_password', detail };
  return { outcome: 'failed', detail };
}
