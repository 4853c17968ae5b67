import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createApp } from '../../../src/main/app';
import { createLogger } from '../../../src/main/log';
import type { WireMessage } from '../../../src/shared/rpcWire';
import { startHeadless, type RunningHeadless } from '../../support/headlessProcess';
import { tempDir } from '../../support/tempDb';

// Needs `npm run build` first: this runs the built host, out/main/headless.js.

let host: RunningHeadless | undefined;
let ws: WebSocket | undefined;
afterEach(async () => {
  ws?.close();
  ws = undefined;
  const running = host;
  host = undefined;
  if (running) expect(await running.stop()).toBe(0);
});

/** An RPC client over the headless host's WebSocket, as the browser UI uses it. */
async function connect(url: string): Promise<(method: string, input: unknown) => Promise<{ ok: boolean; value?: unknown; error?: { code: string } }>> {
  const page = new URL(url);
  const socket = new WebSocket(`ws://${page.host}/rpc?token=${encodeURIComponent(page.searchParams.get('token') ?? '')}`, { origin: page.origin });
  ws = socket;
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  const pending = new Map<number, (result: never) => void>();
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as WireMessage;
    if (message.kind === 'result') pending.get(message.id)?.(message.result as never);
  });
  let next = 1;
  return (method, input) =>
    new Promise((resolve) => {
      const id = next++;
      pending.set(id, resolve);
      socket.send(JSON.stringify({ id, method, input }));
    });
}

async function waitFor<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() - started > 120_000) throw new Error(`timed out waiting for ${what}:\n${host?.output() ?? ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('headless host with --sandbox-telegram', () => {
  it('signs in a sandbox account; a simulated user writes and gets a live reply from the template', { timeout: 600_000 }, async () => {
    host = await startHeadless({ args: ['--sandbox-telegram'] });
    const running = host;
    await waitFor(async () => /^Sandbox mode: a local test Telegram on 127\.0\.0\.1:\d+/m.test(running.output()) || undefined, 'the sandbox line');
    const call = await connect(host.url);

    const accounts = (await call('accounts.list', {})).value as { id: number; status: string; scriptId: number | null }[];
    expect(accounts).toHaveLength(1);
    expect(accounts[0]?.scriptId).not.toBeNull();
    const scripts = (await call('scripts.list', {})).value as { id: number; name: string }[];
    expect(scripts.map((s) => s.id)).toEqual([accounts[0]?.scriptId]);
    await waitFor(async () => ((await call('accounts.list', {})).value as { status: string }[])[0]?.status === 'online' || undefined, 'the account online');

    const written = await call('sandbox.userWrites', { name: 'Alice Sandbox', text: 'Привет! Хочу попробовать' });
    expect(written).toMatchObject({ ok: true, value: { userId: expect.any(String), messageId: expect.any(Number) } });

    const lead = await waitFor(async () => {
      const rows = ((await call('leads.list', {})).value as { rows: { id: number; name: string }[] }).rows;
      return rows.find((r) => r.name.includes('Alice Sandbox'));
    }, 'the lead in leads.list');
    const messages = await waitFor(async () => {
      const list = (await call('leads.messages', { id: lead.id })).value as { direction: string; sender: string; text: string; status?: string }[];
      // 'sent': the reply went through the local Telegram server, not just into the outbox.
      return list.some((m) => m.sender === 'bot' && m.status === 'sent') ? list : undefined;
    }, 'a sent bot reply in leads.messages');
    expect(messages[0]).toMatchObject({ direction: 'in', sender: 'lead', text: 'Привет! Хочу попробовать' });
    expect(messages.find((m) => m.sender === 'bot')?.text.length).toBeGreaterThan(0);
    expect(host.output()).not.toContain('CastError');

    expect(await call('sandbox.userWrites', { name: '', text: 'x' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

    // The sandbox bar's other media kinds: a voice note arrives as a voice note, with its bytes.
    expect(await call('sandbox.userSendsMedia', { name: 'Alice Sandbox', kind: 'voice' })).toMatchObject({ ok: true });
    const voice = await waitFor(async () => {
      const list = (await call('leads.messages', { id: lead.id })).value as { id: number; media: { kind: string; path: string } | null }[];
      const found = list.find((m) => m.media?.kind === 'voice');
      return found?.media?.path ? found : undefined;
    }, 'the voice note stored with its file');
    expect((await call('leads.media', { messageId: voice.id })).value).toMatchObject({ dataUrl: expect.stringMatching(/^data:audio\/ogg;base64,/) as unknown });
    expect(await call('sandbox.userSendsMedia', { name: 'Alice Sandbox', kind: 'hologram' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('re-signs the sandbox account on the next start with the same data folder, and keeps leads and script', { timeout: 600_000 }, async () => {
    host = await startHeadless({ args: ['--sandbox-telegram'] });
    let call = await connect(host.url);
    await call('sandbox.userWrites', { name: 'Bob', text: 'привет' });
    await waitFor(async () => (((await call('leads.list', {})).value as { total: number }).total === 1 ? true : undefined), 'the first lead');
    const { dataDir } = host;
    expect(await host.stop()).toBe(0);
    ws?.close();

    host = await startHeadless({ dataDir, args: ['--sandbox-telegram'] });
    call = await connect(host.url);
    await waitFor(async () => ((await call('accounts.list', {})).value as { status: string }[])[0]?.status === 'online' || undefined, 'the account online again');
    expect(((await call('scripts.list', {})).value as unknown[]).length).toBe(1);
    await call('sandbox.userWrites', { name: 'Bob', text: 'я снова тут' });
    const bob = await waitFor(async () => {
      const rows = ((await call('leads.list', {})).value as { rows: { id: number; name: string }[] }).rows;
      return rows.length === 1 ? rows[0] : undefined;
    }, 'the same lead');
    await waitFor(async () => {
      const list = (await call('leads.messages', { id: bob.id })).value as { text: string }[];
      return list.some((m) => m.text === 'я снова тут') || undefined;
    }, 'the new message stored on the same lead');
  });

  it('without the flag the sandbox methods answer unavailable', async () => {
    const app = createApp({ dataDir: tempDir(), host: 'headless', version: 't', defaultLanguage: 'en', log: createLogger('test', { sink: () => {} }), tracker: { port: 0 } });
    try {
      expect(await app.rpc.dispatch('sandbox.status', {})).toEqual({ ok: true, value: { enabled: false } });
      expect(await app.rpc.dispatch('sandbox.userWrites', { name: 'Alice', text: 'hi' })).toMatchObject({ ok: false, error: { code: 'unavailable' } });
      expect(await app.rpc.dispatch('sandbox.userSendsPhoto', { name: 'Alice', imageBase64: 'iVBORw0K' })).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    } finally {
      await app.close();
    }
  });
});
