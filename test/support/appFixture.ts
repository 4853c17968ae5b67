import { createApp, type AppOptions, type VoronkaApp } from '../../src/main/app';
import { receiveMessage } from '../../src/main/inbound/receiveMessage';
import { WriteQueue } from '../../src/main/db/writeQueue';
import { createLogger } from '../../src/main/log';
import type { RpcInput, RpcMethod, RpcOutput } from '../../src/shared/rpc';
import { tempDir } from './tempDb';

/** A whole app (composition root) on a temp data folder (or `dataDir`, to start it again), driven through its RPC router. */
export function testApp(dataDir = tempDir(), options: Pick<AppOptions, 'now' | 'telegramClientOptions'> = {}): VoronkaApp & { call<M extends RpcMethod>(method: M, input: RpcInput<M>): Promise<RpcOutput<M>> } {
  const app = createApp({ dataDir, host: 'headless', version: 'test', defaultLanguage: 'en', log: createLogger('test', { sink: () => {} }), tracker: { port: 0 }, ...options });
  return Object.assign(app, {
    async call<M extends RpcMethod>(method: M, input: RpcInput<M>): Promise<RpcOutput<M>> {
      const result = await app.rpc.dispatch(method, input);
      if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message} ${JSON.stringify(result.error.issues ?? [])}`);
      return result.value as RpcOutput<M>;
    },
  });
}

/** A Telegram-kind account row running `scriptId` (no real connection needed for inbox tests). */
export function addAccount(app: VoronkaApp, scriptId: number | null): number {
  const result = app.db.prepare("INSERT INTO accounts (kind, status, phone, script_id, created_at, updated_at) VALUES ('telegram', 'online', '+70000000000', ?, 0, 0)").run(scriptId);
  return Number(result.lastInsertRowid);
}

/** A lead writes to the account, as the Telegram adapter would deliver it. */
export async function leadWrites(app: VoronkaApp, accountId: number, scriptId: number, peer: string, text: string, ts = Date.now()): Promise<number> {
  const writes = new WriteQueue(app.db);
  const { leadId } = await receiveMessage(app.db, writes, app.engine, { lead: { accountId, peerId: peer, firstName: `Lead ${peer}` }, scriptId, message: { text, ts } });
  return leadId;
}
