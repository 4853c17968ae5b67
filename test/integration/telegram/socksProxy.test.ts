import type { AddressInfo, Server, Socket } from 'node:net';
import socks from 'simple-socks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accountsContract, type AccountView, type ProxyTest } from '../../../src/shared/rpc/accounts';
import type { ImportRow } from '../../../src/shared/rpc/accountImport';
import { startFakeTelegram, type FakeTelegram } from '../../support/fake-telegram/harness';
import { apiHash, closeTelegramApp, startTelegramApp, type TelegramApp } from './telegramFixture';

/** A real SOCKS5 server (simple-socks) on 127.0.0.1 that counts the bytes it relays each way. */
interface Socks5 {
  port: number;
  relayed(): number;
  destinations: { address: string; port: number }[];
  close(): Promise<void>;
}

async function startSocks5(auth?: { username: string; password: string }): Promise<Socks5> {
  const sockets: Socket[] = [];
  const destinations: { address: string; port: number }[] = [];
  const server: Server = socks.createServer(
    auth
      ? {
          authenticate: (username, password, _socket, callback) => callback(username === auth.username && password === auth.password ? undefined : new Error('bad credentials')),
        }
      : {},
  );
  server.on('proxyConnect', (info: { address: string; port: number }, destination: Socket) => {
    destinations.push(info);
    sockets.push(destination);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    relayed: () => sockets.reduce((sum, s) => sum + s.bytesRead + s.bytesWritten, 0),
    destinations,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

let fake: FakeTelegram;
let app: TelegramApp;
let proxy: Socks5 | undefined;

beforeEach(async () => {
  fake = await startFakeTelegram();
  app = startTelegramApp(fake);
});
afterEach(async () => {
  await closeTelegramApp(app);
  await proxy?.close();
  proxy = undefined;
  await fake.stop();
});

const importVia = async (phone: string, socksProxy: Record<string, unknown>): Promise<ImportRow> => {
  fake.addAccount({ phone, username: `u${phone}` });
  const session = await fake.fixtureSession(phone);
  const { rows } = (await app.call('accounts.importBatch', { text: session, apiId: 7, apiHash, proxy: socksProxy, scriptId: app.engine.scriptId })) as { rows: ImportRow[] };
  return rows[0] as ImportRow;
};

describe('SOCKS5 per account, through a real local SOCKS5 server', () => {
  it('carries all of the account\'s MTProto traffic (no password)', async () => {
    proxy = await startSocks5();
    const row = await importVia('15550401', { type: 'socks5', host: '127.0.0.1', port: proxy.port });
    expect(row).toMatchObject({ outcome: 'imported' });
    const [account] = (await app.call('accounts.list', {})) as AccountView[];
    expect(account).toMatchObject({ status: 'online', proxy: { type: 'socks5', host: '127.0.0.1', port: proxy.port, username: null, hasPassword: false } });
    // Every connection the proxy opened went to the local Telegram server.
    expect(proxy.destinations.length).toBeGreaterThan(0);
    expect(new Set(proxy.destinations.map((d) => d.port))).toEqual(new Set([fake.port]));

    const before = proxy.relayed();
    expect(before).toBeGreaterThan(0);
    const lead = fake.world.addUser({ firstName: 'Lead' });
    fake.world.userWrites('15550401', lead.id, 'hi there');
    await fake.waitFor(() => fake.world.account('15550401').sent.length > 0, 'the answer through the proxy');
    // The lead's message in and the answer out both crossed the proxy.
    expect(proxy.relayed()).toBeGreaterThan(before);
  });

  it('authenticates with username and password; "Test proxy" says plainly what is wrong', async () => {
    proxy = await startSocks5({ username: 'op', password: 's3cret' });
    const good = { type: 'socks5', host: '127.0.0.1', port: proxy.port, username: 'op', password: 's3cret' } as const;
    const test = (p: Record<string, unknown>): Promise<ProxyTest> => app.call('accounts.testProxy', { proxy: p }) as Promise<ProxyTest>;

    expect(await test(good)).toMatchObject({ ok: true, problem: null });
    const wrong = await test({ ...good, password: 'wrong' });
    expect(wrong, JSON.stringify(wrong)).toMatchObject({ ok: false, problem: 'auth' });
    const closedPort = (await startSocks5()) as Socks5;
    const refusedPort = closedPort.port;
    await closedPort.close();
    expect(await test({ ...good, port: refusedPort })).toMatchObject({ ok: false, problem: 'refused' });

    expect(await importVia('15550402', good)).toMatchObject({ outcome: 'imported' });
    expect(proxy.relayed()).toBeGreaterThan(0);
    const [account] = (await app.call('accounts.list', {})) as AccountView[];
    expect(account).toMatchObject({ status: 'online', proxy: { username: 'op', hasPassword: true } });
  });
});

describe('MTProxy secrets', () => {
  it('accepts plain and dd secrets and refuses fake-TLS (ee) ones at input with a clear message', () => {
    const parse = (secret: string) => accountsContract['accounts.testProxy'].input.safeParse({ proxy: { type: 'mtproxy', host: 'mt.example', port: 443, secret } });
    expect(parse('0123456789abcdef0123456789abcdef').success).toBe(true);
    expect(parse('dd0123456789abcdef0123456789abcdef').success).toBe(true);
    const ee = parse('ee0123456789abcdef0123456789abcdef7777772e676f6f676c652e636f6d');
    expect(ee.success).toBe(false);
    expect(ee.error?.issues[0]?.message).toMatch(/Fake-TLS .*not supported/);
    expect(parse('xyz').error?.issues[0]?.message).toMatch(/32 hex characters/);
  });
});
