import { request as httpRequest } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createApp, type VoronkaApp } from '../../src/main/app';
import { startHeadlessServer, type HeadlessServer } from '../../src/main/headlessServer';
import { createLogger } from '../../src/main/log';
import type { WireMessage } from '../../src/shared/rpcWire';
import { tempDir } from '../support/tempDb';

const quiet = createLogger('test', { sink: () => {} });
let cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

async function start(): Promise<{ app: VoronkaApp; server: HeadlessServer; token: string }> {
  const rendererDir = tempDir();
  writeFileSync(
    join(rendererDir, 'index.html'),
    '<html><head><meta http-equiv="Content-Security-Policy" content="x"></head><body>app</body></html>',
  );
  mkdirSync(join(rendererDir, 'assets'));
  writeFileSync(join(rendererDir, 'assets', 'a.js'), 'console.log(1)');
  const app = createApp({ dataDir: tempDir(), host: 'headless', version: 't', defaultLanguage: 'ru', log: quiet, tracker: { port: 0 } });
  const server = await startHeadlessServer({ app, rendererDir, port: 0 });
  cleanups.push(() => app.close(), () => server.close());
  return { app, server, token: new URL(server.url).searchParams.get('token') ?? '' };
}

function socket(server: HeadlessServer, token: string, origin = `http://127.0.0.1:${server.port}`) {
  return new WebSocket(`ws://127.0.0.1:${server.port}/rpc?token=${encodeURIComponent(token)}`, { origin });
}

function opened(ws: WebSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function nextMessages(ws: WebSocket, count: number): Promise<WireMessage[]> {
  const got: WireMessage[] = [];
  return new Promise((resolve) => {
    ws.on('message', (data) => {
      got.push(JSON.parse(String(data)) as WireMessage);
      if (got.length === count) resolve(got);
    });
  });
}

describe('headless server', () => {
  it('prints a 127.0.0.1 URL with a long random token and serves the app with a strict CSP', async () => {
    const { server, token } = await start();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32}$/);
    expect(token.length).toBe(32);
    const page = await fetch(server.url);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('app');
    expect(html).not.toContain('http-equiv'); // the header below replaces the Electron meta
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${server.port}`);
    expect((await fetch(new URL('/assets/a.js', server.url))).status).toBe(200);
  });

  it('answers RPC calls over the socket and pushes events to every client', async () => {
    const { server, token } = await start();
    const a = socket(server, token);
    const b = socket(server, token);
    await Promise.all([opened(a), opened(b)]);
    const fromA = nextMessages(a, 2);
    const fromB = nextMessages(b, 1);
    a.send(JSON.stringify({ id: 7, method: 'settings.set', input: { language: 'en' } }));
    const messagesA = await fromA;
    const settings = expect.objectContaining({ language: 'en', debounceSeconds: 3 });
    expect(messagesA).toContainEqual({ kind: 'result', id: 7, result: { ok: true, value: settings } });
    expect(messagesA).toContainEqual({ kind: 'event', event: 'settings.changed', payload: settings });
    expect(await fromB).toEqual([{ kind: 'event', event: 'settings.changed', payload: settings }]);
    a.close();
    b.close();
  });

  it('returns validation errors as data and changes nothing', async () => {
    const { app, server, token } = await start();
    const ws = socket(server, token);
    await opened(ws);
    const reply = nextMessages(ws, 1);
    ws.send(JSON.stringify({ id: 1, method: 'settings.set', input: { language: 'xx' } }));
    const [message] = await reply;
    expect(message).toMatchObject({ kind: 'result', id: 1, result: { ok: false, error: { code: 'invalid_input' } } });
    expect(app.db.prepare('SELECT count(*) FROM settings').pluck().get()).toBe(0);
    ws.close();
  });

  it('refuses a socket without the right token, or from another origin', async () => {
    const { server, token } = await start();
    await expect(opened(socket(server, 'wrong'))).rejects.toThrow('HTTP 401');
    await expect(opened(socket(server, ''))).rejects.toThrow('HTTP 401');
    await expect(opened(socket(server, token, 'http://evil.example'))).rejects.toThrow('HTTP 401');
  });

  it('closes a socket that sends a malformed frame', async () => {
    const { server, token } = await start();
    const ws = socket(server, token);
    await opened(ws);
    const code = new Promise<number>((resolve) => ws.on('close', (c) => resolve(c)));
    ws.send('{not json');
    expect(await code).toBe(1007);
  });
});

describe('headless server: Host header (DNS rebinding)', () => {
  function getWithHost(port: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path: '/', headers: { host } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
  }

  it('serves its own names and IP literals on its port, refuses any other name', async () => {
    const { server } = await start();
    const port = server.port;
    for (const ok of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `LOCALHOST:${port}`]) expect(await getWithHost(port, ok), ok).toBe(200);
    for (const bad of [`evil.example:${port}`, `127.0.0.1.nip.io:${port}`, `localhost:${port + 1}`, 'localhost', `user@localhost:${port}`]) expect(await getWithHost(port, bad), bad).toBe(421);
  });

  it('also guards the RPC socket: a rebound name cannot open it even with the token', async () => {
    const { server, token } = await start();
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/rpc?token=${encodeURIComponent(token)}`, { origin: `http://evil.example:${server.port}`, headers: { host: `evil.example:${server.port}` } });
    await expect(opened(ws)).rejects.toThrow(/HTTP 421/);
    ws.terminate();
  });
});
