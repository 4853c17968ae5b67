import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeTelegramClientOptions } from '../../../src/main/sandbox/fakeTelegram/clientHooks';
import type { SimUser } from '../../../src/main/sandbox/fakeTelegram/worldRecords';
import type { RpcOutput } from '../../../src/shared/rpc';
import { testApp } from '../../support/appFixture';
import { startFakeTelegram, type FakeTelegram } from '../../support/fake-telegram/harness';
import { apiHash } from './telegramFixture';

/**
 * §2.1 from the operator's side, through the whole app and its RPC router: a refused message shows
 * failed with Telegram's reason in the chat, later messages to the chat are not held behind it, and
 * leads.retryMessage / leads.dropMessage do what the chat's buttons say.
 */

let fake: FakeTelegram;
let app: ReturnType<typeof testApp>;
let alice: SimUser;
let leadId: number;
const PHONE = '15550901';
/**
 * The app runs on its own clock, set a day behind the machine's (as a held or simulated clock may
 * be): a retried row must be due on that clock, not the machine's.
 */
const clockOffset = -24 * 60 * 60 * 1000;

beforeEach(async () => {
  fake = await startFakeTelegram();
  fake.addAccount({ phone: PHONE });
  alice = fake.world.addUser({ firstName: 'Alice' });
  app = testApp(undefined, { telegramClientOptions: fakeTelegramClientOptions(fake.port, fake.server.dcRoutes()), now: () => Date.now() + clockOffset });
  const { id: scriptId } = await app.call('scripts.create', { name: 'quiet' });
  // Published first: an account runs only a published script.
  await app.call('scripts.publish', { id: scriptId, body: (await app.call('scripts.get', { id: scriptId })).body, revision: 0 });
  const started = await app.call('accounts.startLogin', { phone: `+${PHONE}`, apiId: 1, apiHash, scriptId });
  if (started.state !== 'code_sent') throw new Error(`login did not send a code: ${started.state}`);
  const signedIn = await app.call('accounts.submitCode', { loginId: started.loginId, code: '12345' });
  expect(signedIn.state).toBe('signed_in');
  const accountId = (await app.call('accounts.list', {}))[0]?.id ?? 0;
  await app.call('accounts.update', { id: accountId, human: { typingMaxMs: 0, messagesPerMinute: 0, newChatsPerDay: 0 } });
  fake.world.userWrites(PHONE, alice.id, 'hello');
  leadId = (await until(async () => (await app.call('leads.list', { filters: {}, cursor: null, limit: 10 })).rows[0], 'the lead')).id;
  // The new script's greeting goes out first; then the operator takes the chat.
  await fake.waitFor(() => app.db.prepare("SELECT COUNT(*) FROM messages WHERE random_id IS NOT NULL AND sent_at IS NULL").pluck().get() === 0 && fake.world.account(PHONE).sent.length > 0, 'the greeting sent');
  await app.call('leads.takeover', { id: leadId });
});
afterEach(async () => {
  await app.close();
  const errors = fake.server.connectionErrors;
  await fake.stop();
  expect(errors).toEqual([]);
});

/** Polls an RPC-backed condition (the harness's waitFor takes only synchronous predicates). */
async function until<T>(probe: () => Promise<T | undefined | false>, what: string): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const value = await probe();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}: ${JSON.stringify({ out: await outgoing(), calls: fake.server.calls.map((c) => `${c.method} ${c.error ?? ''}`).slice(-15), outgoing: app.db.prepare("SELECT * FROM messages WHERE direction = 'out'").all() })}`);
}

type ChatMessage = RpcOutput<'leads.messages'>[number];
const outgoing = async (): Promise<ChatMessage[]> => (await app.call('leads.messages', { id: leadId, beforeId: null, limit: 50 })).filter((m) => m.direction === 'out');
const byText = async (text: string): Promise<ChatMessage | undefined> => (await outgoing()).find((m) => m.text === text);
const delivered = (text: string): number => fake.world.account(PHONE).sent.filter((s) => s.text === text).length;

async function failNext(text: string): Promise<ChatMessage> {
  fake.faults.fail('messages.sendMessage', 400, 'MESSAGE_TOO_LONG', { times: 1, peerUserId: alice.id });
  await app.call('leads.say', { id: leadId, text });
  return until(async () => {
    const m = await byText(text);
    return m?.status === 'failed' ? m : undefined;
  }, `“${text}” failed`);
}

describe('failed messages in the chat (§2.1, over RPC)', () => {
  it('a refused message shows failed with the reason; the next message still goes; retry sends it once', async () => {
    const failed = await failNext('first');
    expect(failed.error).toBe('MESSAGE_TOO_LONG');
    await app.call('leads.say', { id: leadId, text: 'second' });
    await until(async () => (await byText('second'))?.status === 'sent', '“second” sent past the failed one');
    expect(delivered('first')).toBe(0);

    await app.call('leads.retryMessage', { messageId: failed.id });
    await until(async () => (await byText('first'))?.status === 'sent', '“first” sent after the retry');
    expect(delivered('first')).toBe(1);
    expect((await byText('first'))?.error).toBeNull();
    // A message that is not failed cannot be retried or dropped: a clear error, nothing changes.
    await expect(app.call('leads.retryMessage', { messageId: failed.id })).rejects.toThrow(/not_found/);
    await expect(app.call('leads.dropMessage', { messageId: failed.id })).rejects.toThrow(/not_found/);
    expect(delivered('first')).toBe(1);
  });

  it('drop leaves the message in the chat as cancelled and never sends it; later messages go', async () => {
    const failed = await failNext('never mind');
    await app.call('leads.dropMessage', { messageId: failed.id });
    expect((await byText('never mind'))?.status).toBe('cancelled');
    await app.call('leads.say', { id: leadId, text: 'after the drop' });
    await until(async () => (await byText('after the drop'))?.status === 'sent', '“after the drop” sent');
    await expect(app.call('leads.retryMessage', { messageId: failed.id })).rejects.toThrow(/not_found/);
    expect(delivered('never mind')).toBe(0);
  });

  it('retrying a failed message of a stopped lead is refused with a reason, and the message stays failed', async () => {
    const failed = await failNext('to a stopped lead');
    await app.call('leads.stop', { id: leadId });
    const result = await app.rpc.dispatch('leads.retryMessage', { messageId: failed.id });
    expect(result).toMatchObject({ ok: false, error: { code: 'conflict', detail: { code: 'retryLeadStopped' } } });
    expect((await byText('to a stopped lead'))?.status).toBe('failed');
    expect(app.db.prepare("SELECT status FROM messages WHERE id = ?").pluck().get(failed.id)).toBe('failed');
    expect(delivered('to a stopped lead')).toBe(0);
  });
});
