import { expect } from 'vitest';
import { join } from 'node:path';
import { accountsContract, type AccountStatusEvent, type AccountView, type HumanSettings } from '../../../src/shared/rpc/accounts';
import { accountImportContract } from '../../../src/shared/rpc/accountImport';
import { createLogger } from '../../../src/main/log';
import { accountsHandlers } from '../../../src/main/rpc/handlers/accountsHandlers';
import { accountImportHandlers } from '../../../src/main/rpc/handlers/accountImportHandlers';
import { createSecretBox } from '../../../src/main/secrets/secretBox';
import type { Clock } from '../../../src/main/engine/ports';
import type { TelegramClientOptions } from '../../../src/main/telegram/clientFactory';
import { createTelegramService, type TelegramService } from '../../../src/main/telegram/telegramService';
import { openEngine, type EngineFixture } from '../../support/engineFixture';
import { fakeTelegramClientOptions } from '../../../src/main/sandbox/fakeTelegram/clientHooks';
import { startFakeTelegram, type FakeTelegram } from '../../support/fake-telegram/harness';
import { tempDir } from '../../support/tempDb';

/** Fast, visible human settings for tests: a short "typing…", no caps in the way. */
export const testHuman: Partial<HumanSettings> = { typingMaxMs: 20, typingCharsPerSecond: 1000, messagesPerMinute: 600 };

export const apiHash = '0123456789abcdef0123456789abcdef';

const contract = { ...accountsContract, ...accountImportContract };

/** The Voronka side of a test: a real SQLite file, the real engine (echo script) and the Telegram service. */
export interface TelegramApp {
  dataDir: string;
  engine: EngineFixture;
  service: TelegramService;
  statuses: AccountStatusEvent[];
  /** What the sender told the UI about each lead ("typing…", a message's status changed), in order. */
  activity: { leadId: number; kind: 'typing' | 'changed'; messageStatus?: string }[];
  /** Every 'a chat needs a human' notice the sender raised (account limited, send failed). */
  needsHuman: { leadId: number; cause: string; reason: string }[];
  /** Every log line written, to check nothing secret was logged. */
  logLines: string[];
  /** Calls a handler the way the router does: the input parsed by the contract's schema first. */
  call<M extends keyof typeof contract>(method: M, input: unknown): Promise<unknown>;
}

export function startTelegramApp(fake: Pick<FakeTelegram, 'port'> & { server?: Pick<FakeTelegram['server'], 'dcRoutes'> }, options: { dataDir?: string; clock?: Clock; clientOptions?: TelegramClientOptions; quietCatchUpMs?: number; sendCallTimeoutMs?: number } = {}): TelegramApp {
  const dataDir = options.dataDir ?? tempDir('voronka-telegram-');
  const clock = options.clock ?? { now: () => Date.now() };
  const engine = openEngine(join(dataDir, 'voronka.db'), { groupCommit: true, clock });
  const statuses: AccountStatusEvent[] = [];
  const activity: TelegramApp['activity'] = [];
  const needsHuman: TelegramApp['needsHuman'] = [];
  const logLines: string[] = [];
  const writes = engine.writes;
  if (!writes) throw new Error('the fixture must use group commit');
  const service = createTelegramService({
    db: engine.db,
    writes,
    engine: engine.engine,
    secrets: createSecretBox(dataDir),
    dataDir,
    clock,
    log: createLogger('test', { level: 'debug', sink: (line) => logLines.push(line) }),
    onStatus: (e) => statuses.push(e),
    // The newest outgoing message's status at the moment of the notice: what a UI refetch would see.
    leadActivity: (leadId, kind) =>
      activity.push({ leadId, kind, messageStatus: engine.db.prepare("SELECT status FROM messages WHERE lead_id = ? AND direction = 'out' ORDER BY id DESC LIMIT 1").pluck().get(leadId) as string | undefined }),
    leadNeedsHuman: (leadId, cause, reason) => needsHuman.push({ leadId, cause, reason }),
    clientOptions: { ...fakeTelegramClientOptions(fake.port, fake.server?.dcRoutes()), ...options.clientOptions },
    ...(options.quietCatchUpMs === undefined ? {} : { quietCatchUpMs: options.quietCatchUpMs }),
    ...(options.sendCallTimeoutMs === undefined ? {} : { sendCallTimeoutMs: options.sendCallTimeoutMs }),
  });
  const handlers = { ...accountsHandlers(service, engine.db), ...accountImportHandlers(service, engine.db) };
  return {
    dataDir,
    engine,
    service,
    statuses,
    activity,
    needsHuman,
    logLines,
    async call(method, input) {
      const parsed: unknown = contract[method].input.parse(input);
      const handler = handlers[method] as (input: unknown) => unknown;
      return contract[method].output.parse(await handler(parsed));
    },
  };
}

/** Signs `phone` in through the wizard (code, then 2FA if the fake account has a password). */
export async function signIn(app: TelegramApp, fake: FakeTelegram, phone: string): Promise<AccountView> {
  const account = fake.world.account(phone);
  let state = (await app.call('accounts.startLogin', { phone: `+${account.phone}`, apiId: 1, apiHash, scriptId: app.engine.scriptId })) as { state: string; loginId: string; account?: AccountView };
  state = (await app.call('accounts.submitCode', { loginId: state.loginId, code: account.code })) as typeof state;
  if (state.state === 'password_needed') state = (await app.call('accounts.submitPassword', { loginId: state.loginId, password: account.password })) as typeof state;
  if (state.state !== 'signed_in' || !state.account) throw new Error(`login failed: ${JSON.stringify(state)}`);
  return (await app.call('accounts.update', { id: state.account.id, human: testHuman })) as AccountView;
}

/** Closes the service and the db (the data folder stays for a restart). */
export async function closeTelegramApp(app: TelegramApp): Promise<void> {
  await app.service.stop();
  await app.engine.engine.idle();
  app.engine.writes?.flush();
  app.engine.db.close();
}

/** A fake Telegram with one account (`phone`) signed into a fresh app through the wizard. */
export async function startSignedIn(phone: string, options: Parameters<typeof startTelegramApp>[1] = {}): Promise<{ fake: FakeTelegram; app: TelegramApp; accountId: number }> {
  const fake = await startFakeTelegram();
  fake.addAccount({ phone });
  const app = startTelegramApp(fake, options);
  try {
    const accountId = (await signIn(app, fake, phone)).id;
    return { fake, app, accountId };
  } catch (error) {
    // The caller never gets these to close: a failed sign-in must not leave the server running.
    await closeTelegramApp(app);
    await fake.stop();
    throw error;
  }
}

/** Closes the app, then the fake server, and checks the server saw no broken connection on the way. */
export async function closeAppAndServer(app: TelegramApp, fake: FakeTelegram): Promise<void> {
  await closeTelegramApp(app);
  const errors = fake.server.connectionErrors;
  await fake.stop();
  expect(errors).toEqual([]);
}

/** `user` writes "hello"; resolves with the lead's id once the account's first answer is sent and its message marked so. */
export async function leadAnswered(app: TelegramApp, fake: FakeTelegram, phone: string, user: { id: number }): Promise<number> {
  const sent = (): number => fake.world.account(phone).sent.length;
  const before = sent();
  fake.world.userWrites(phone, user.id, 'hello');
  await fake.waitFor(() => sent() > before, 'the first answer');
  await fake.waitFor(() => app.engine.db.prepare("SELECT COUNT(*) FROM messages WHERE status = 'queued'").pluck().get() === 0, 'the row marked sent');
  return app.engine.db.prepare('SELECT id FROM leads WHERE peer_id = ?').pluck().get(String(user.id)) as number;
}
