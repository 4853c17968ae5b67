import { createHash } from 'node:crypto';
import type { Db } from '../db/connection';
import { forgetSandboxSession, lastTelegramMessageId, sandboxAccountId } from '../db/repositories/sandboxRepo';
import type { Logger } from '../log';
import type { AppSandbox, SandboxDelivery } from '../rpc/handlers/sandboxHandlers';
import type { RpcRouter } from '../rpc/router';
import type { TelegramClientOptions } from '../telegram/clientFactory';
import { fakeTelegramClientOptions, fixtureSession } from './fakeTelegram/clientHooks';
import { testRsaKey } from './fakeTelegram/rsaKey';
import { FakeTelegramServer } from './fakeTelegram/server';

/** The sandbox account: the same Telegram user id on every start, so it is the same account row. */
export const sandboxPhone = '15550000000';
const sandboxUserId = 777_000_001;
const sandboxApiHash = '0123456789abcdef0123456789abcdef';

/** The part of the app attach() uses: everything goes through the public RPC, like the UI. */
interface RpcApp {
  rpc: RpcRouter;
}

export interface SandboxTelegram {
  server: FakeTelegramServer;
  port: number;
  /** The app's teleproto settings: every client dials the local server. */
  clientOptions: TelegramClientOptions;
  /** AppOptions.sandbox: the simulated people, and the account reset before accounts connect. */
  app: AppSandbox;
  /** After createApp: signs the sandbox account in with a fresh session (and a script on first start). */
  attach(app: RpcApp): Promise<{ accountId: number; scriptId: number | null }>;
  stop(): Promise<void>;
}

/**
 * `--sandbox-telegram`: the fake Telegram server of the integration tests, in-process on 127.0.0.1
 * (port 0), with one account the app signs in to. Auth keys live as long as the server, so the
 * session is re-imported on every start; the saved update state (pts) and message ids refer to the
 * previous server and are reset/continued here, or the app would ignore the new server's messages.
 */
export async function startSandboxTelegram(log: Logger): Promise<SandboxTelegram> {
  testRsaKey(); // the server's key in this process's teleproto key map
  const server = new FakeTelegramServer();
  const port = await server.listen(0);
  const account = server.world.addAccount({ phone: sandboxPhone, userId: sandboxUserId, firstName: 'Sandbox', lastName: 'Account', username: 'voronka_sandbox' });

  const person = (name: string): number => {
    const id = simulatedUserId(name);
    if (!server.world.findUser(id)) server.world.addUser({ id, firstName: name });
    return id;
  };
  const delivery = (userId: number, messageId: number): SandboxDelivery => ({ userId: String(userId), messageId });
  /** More sandbox accounts by name (for trying import and QR login), each with its own phone. */
  const otherAccount = (name: string) => {
    const id = simulatedUserId(`account:${name}`);
    const phone = `1555${String(id).padStart(9, '0').slice(-7)}`;
    return server.world.findAccount(phone) ?? server.world.addAccount({ phone, userId: id, firstName: name.trim(), username: name.trim().toLowerCase().replace(/\W/g, '_') });
  };

  return {
    server,
    port,
    clientOptions: fakeTelegramClientOptions(port, server.dcRoutes()),
    app: {
      prepare(db: Db) {
        const id = sandboxAccountId(db, String(sandboxUserId));
        if (id === undefined) return;
        forgetSandboxSession(db, id);
        account.continueAfter(lastTelegramMessageId(db, id));
      },
      userWrites: (name, text) => delivery(person(name), server.world.userWrites(sandboxPhone, person(name), text).id),
      userSendsPhoto: (name, image, caption) => delivery(person(name), server.world.userSendsPhoto(sandboxPhone, person(name), image, caption).id),
      async issueSession(name, state) {
        const other = otherAccount(name);
        other.banned = state === 'banned';
        const issued = await server.issueSession(other.phone);
        if (state === 'dead') server.terminateSessions(other.phone);
        return { dcId: issued.dcId, authKeyBase64: issued.authKey.toString('base64'), userId: other.userId, phone: other.phone };
      },
      scanQr(url, name) {
        const token = new URL(url).searchParams.get('token') ?? '';
        const record = server.world.loginTokens.get(Buffer.from(token, 'base64url').toString('hex'));
        if (!record || record.acceptedBy !== undefined || record.expires * 1000 < Date.now()) return false;
        server.world.loginTokenAccepted(record, otherAccount(name).phone);
        return true;
      },
      userReads(name) {
        server.world.userReads(sandboxPhone, person(name));
      },
      telegramTrouble(name, kind) {
        // The same rpc_errors as the integration tests' faults: only sends to this person fail.
        const userId = person(name);
        if (kind === 'blocks') server.faults.userBlocked(userId);
        else for (const method of ['messages.sendMessage', 'messages.sendMedia']) server.faults.fail(method, 400, 'PEER_FLOOD', { times: 1, peerUserId: userId });
      },
      userSendsMedia: (name, media) => {
        const bytes = media.bytes.length ? media.bytes : Buffer.from(`Voronka sandbox sample ${media.kind}\n`.repeat(16));
        const message = server.world.userSendsMedia(sandboxPhone, person(name), media.kind, bytes, {
          ...(media.caption ? { caption: media.caption } : {}),
          ...(media.kind === 'sticker' ? { emoji: media.emoji ?? '👍' } : {}),
          ...(media.fileName ? { fileName: media.fileName } : {}),
          ...(media.mimeType ? { mimeType: media.mimeType } : {}),
        });
        return delivery(person(name), message.id);
      },
    },
    async attach(app) {
      const call = async <T>(method: string, input: unknown): Promise<T> => {
        const result = await app.rpc.dispatch(method, input);
        if (!result.ok) throw new Error(`sandbox: ${method} failed: ${result.error.message}`);
        return result.value as T;
      };
      const existing = (await call<{ id: number; telegramUserId: string | null; scriptId: number | null }[]>('accounts.list', {})).find(
        (a) => a.telegramUserId === String(sandboxUserId),
      );
      let scriptId = existing?.scriptId ?? null;
      if (!existing) {
        const scripts = await call<{ id: number }[]>('scripts.list', {});
        scriptId = scripts[0]?.id ?? (await call<{ id: number }>('scripts.create', { template: 'screenshot-funnel' })).id;
        // New scripts start as drafts; the one the sandbox runs for the demo is published as it is.
        const created = await call<{ revision: number; body: unknown }>('scripts.get', { id: scriptId });
        if (created.revision === 0) await call('scripts.publish', { id: scriptId, body: created.body, revision: 0 });
      }
      const session = await fixtureSession(server, sandboxPhone);
      const state = await call<{ state: string; account?: { id: number } }>('accounts.importSession', { session, apiId: 1, apiHash: sandboxApiHash, ...(existing ? {} : { scriptId }) });
      if (state.state !== 'signed_in' || !state.account) throw new Error(`sandbox: the account did not sign in (${state.state})`);
      // A snappy demo on first start: short "typing…", no caps in the way. Changes made in the UI stay.
      if (!existing) await call('accounts.update', { id: state.account.id, human: { typingMaxMs: 1500, typingCharsPerSecond: 40, messagesPerMinute: 600, newChatsPerDay: 100_000 } });
      log.info('sandbox telegram ready', { port, accountId: state.account.id, scriptId });
      return { accountId: state.account.id, scriptId };
    },
    stop: () => server.close(),
  };
}

/** A stable id per name (case-insensitive), so a name is the same lead across restarts. */
export function simulatedUserId(name: string): number {
  const digest = createHash('sha256').update(name.trim().toLowerCase()).digest();
  return 100_000 + (digest.readUInt32BE(0) % 900_000_000);
}
