import { TelegramClient } from 'teleproto';
import type { TelegramClientParams } from 'teleproto/client/telegramBaseClient';
import { Logger, LogLevel } from 'teleproto/extensions/Logger';
import { StringSession } from 'teleproto/sessions';
import { fixtureSession, redirectingSocket } from '../../../src/main/sandbox/fakeTelegram/clientHooks';
import type { Faults } from '../../../src/main/sandbox/fakeTelegram/faults';
import { testRsaKey } from '../../../src/main/sandbox/fakeTelegram/rsaKey';
import { FakeTelegramServer } from '../../../src/main/sandbox/fakeTelegram/server';
import { DC_ID } from '../../../src/main/sandbox/fakeTelegram/tlViews';
import type { World } from '../../../src/main/sandbox/fakeTelegram/world';
import type { Account, AccountSpec } from '../../../src/main/sandbox/fakeTelegram/account';

export { redirectingSocket };

/**
 * Test entry point: a started fake Telegram on 127.0.0.1 and real teleproto clients pointed at it.
 * The server itself lives in src/main/sandbox/fakeTelegram/ (the sandbox host runs it too); the
 * teleproto hooks it relies on are in clientHooks.ts and rsaKey.ts there.
 */

export interface ClientOptions extends Partial<TelegramClientParams> {
  /** A saved StringSession; empty (the default) means a fresh client that must log in. */
  session?: string;
}

export interface FakeTelegram {
  server: FakeTelegramServer;
  world: World;
  faults: Faults;
  port: number;
  /** Adds a loginable account (default code 12345; `password` turns 2FA on). */
  addAccount(spec: AccountSpec): Account;
  /** A teleproto client dialing this server; not connected yet. Destroyed by stop(). */
  createClient(options?: ClientOptions): TelegramClient;
  /** A connected client signed in as `phone` through the real login flow (code, then 2FA if set). */
  signedInClient(phone: string, options?: ClientOptions): Promise<TelegramClient>;
  /** A StringSession already signed in as `phone`, without any key exchange or login round trips. */
  fixtureSession(phone: string): Promise<string>;
  /** Polls `predicate` every 10 ms; rejects with `what` after `timeoutMs` (a safety net, not a timing assertion). */
  waitFor<T>(predicate: () => T | undefined | false | null, what: string, timeoutMs?: number): Promise<T>;
  /** Destroys every client created here, then closes the server. */
  stop(): Promise<void>;
}

export async function startFakeTelegram(): Promise<FakeTelegram> {
  testRsaKey(); // registers the server's public key in teleproto before any client dials
  const server = new FakeTelegramServer();
  const port = await server.listen(0);
  const networkSocket = redirectingSocket(port, server.dcRoutes());
  const clients: TelegramClient[] = [];

  const createClient = (options: ClientOptions = {}): TelegramClient => {
    const { session: saved, ...params } = options;
    const session = new StringSession(saved ?? '');
    // StringSession.save() writes the port as int16: an ephemeral port above 32767 would throw.
    // The stored address is informational only; the socket class does the real redirect.
    if (!saved) session.setDC(DC_ID, '127.0.0.1', 443);
    const client = new TelegramClient(session, 1, '0123456789abcdef0123456789abcdef', {
      networkSocket,
      connectionRetries: 5,
      retryDelay: 100,
      baseLogger: new Logger(LogLevel.NONE),
      ...params,
    });
    clients.push(client);
    return client;
  };

  const fake: FakeTelegram = {
    server,
    world: server.world,
    faults: server.faults,
    port,
    addAccount: (spec) => server.world.addAccount(spec),
    createClient,
    async signedInClient(phone, options) {
      const account = server.world.account(phone);
      const client = createClient(options);
      await client.start({
        phoneNumber: `+${account.phone}`,
        phoneCode: async () => account.code,
        password: async () => account.password ?? '',
        onError: async (e) => {
          throw e;
        },
      });
      return client;
    },
    fixtureSession: (phone) => fixtureSession(server, phone),
    // A hang guard, not a speed check: generous because the test machine may be heavily loaded.
    waitFor(predicate, what, timeoutMs = 120_000) {
      return new Promise((resolve, reject) => {
        const started = Date.now();
        const tick = (): void => {
          const value = predicate();
          if (value !== undefined && value !== false && value !== null) resolve(value);
          else if (Date.now() - started > timeoutMs) reject(new Error(`fake telegram: timed out waiting for ${what}`));
          else setTimeout(tick, 10);
        };
        tick();
      });
    },
    async stop() {
      await Promise.all(clients.map((c) => c.destroy().catch(() => undefined)));
      await server.close();
    },
  };
  return fake;
}
