import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountView, ProxyTest } from '../../../src/shared/rpc/accounts';
import type { ImportRow } from '../../../src/shared/rpc/accountImport';
import { dcAddress } from '../../../src/main/sandbox/fakeTelegram/tlViews';
import { startFakeTelegram, type FakeTelegram } from '../../support/fake-telegram/harness';
import { startMTProxy, type MTProxyEndpoint } from '../../support/fake-telegram/mtproxyEndpoint';
import { apiHash, closeTelegramApp, startTelegramApp, type TelegramApp } from './telegramFixture';

const secret = '7a3f0c1e5b9d2486a1c4e7f20b3d5968';

let fake: FakeTelegram;
let app: TelegramApp;
let proxy: MTProxyEndpoint | undefined;

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

/** The fake server's listener for each DC, as the proxy's table of Telegram's DC addresses. */
function dcPorts(): Record<number, number> {
  const routes = fake.server.dcRoutes();
  const ports: Record<number, number> = {};
  for (let dc = 1; dc <= 5; dc++) {
    const port = routes[dcAddress(dc)];
    if (port !== undefined) ports[dc] = port;
  }
  return ports;
}

const importVia = async (phone: string, mtproxy: Record<string, unknown>): Promise<ImportRow> => {
  fake.addAccount({ phone, username: `u${phone}` });
  const session = await fake.fixtureSession(phone);
  const { rows } = (await app.call('accounts.importBatch', { text: session, apiId: 7, apiHash, proxy: mtproxy, scriptId: app.engine.scriptId })) as { rows: ImportRow[] };
  return rows[0] as ImportRow;
};

/** A lead writes; the echo script's answer goes out; both cross the proxy. */
async function answersThroughProxy(phone: string, endpoint: MTProxyEndpoint): Promise<void> {
  const before = endpoint.relayed();
  const lead = fake.world.addUser({ firstName: 'Lead' });
  fake.world.userWrites(phone, lead.id, 'hi there');
  await fake.waitFor(() => fake.world.account(phone).sent.length > 0, 'the answer through the MTProxy');
  expect(endpoint.relayed()).toBeGreaterThan(before);
}

describe('MTProxy per account, through a local MTProxy-speaking endpoint', () => {
  it('a plain secret: obfuscated abridged transport, the account signs in and answers through it', async () => {
    proxy = await startMTProxy({ secret, dcPorts: dcPorts() });
    const mtproxy = { type: 'mtproxy', host: '127.0.0.1', port: proxy.port, secret };
    expect(await app.call('accounts.testProxy', { proxy: mtproxy })).toMatchObject({ ok: true, problem: null });

    const row = await importVia('15550501', mtproxy);
    expect(row).toMatchObject({ outcome: 'imported' });
    const [account] = (await app.call('accounts.list', {})) as AccountView[];
    expect(account).toMatchObject({ status: 'online', proxy: { type: 'mtproxy', host: '127.0.0.1', port: proxy.port, hasSecret: true } });
    expect(proxy.accepted.length).toBeGreaterThan(0);
    expect(new Set(proxy.accepted.map((a) => a.tag))).toEqual(new Set(['abridged']));
    expect(proxy.accepted.map((a) => a.dcId)).toContain(fake.world.account('15550501').homeDc);
    expect(proxy.dropped).toEqual([]);
    await answersThroughProxy('15550501', proxy);
  });

  it('a dd secret: padded intermediate (0xdddddddd), accepted by a proxy that allows nothing else', async () => {
    proxy = await startMTProxy({ secret, dcPorts: dcPorts(), paddingOnly: true });
    const mtproxy = { type: 'mtproxy', host: '127.0.0.1', port: proxy.port, secret: `dd${secret}` };
    expect(await app.call('accounts.testProxy', { proxy: mtproxy })).toMatchObject({ ok: true, problem: null });

    const row = await importVia('15550502', mtproxy);
    expect(row).toMatchObject({ outcome: 'imported' });
    const [account] = (await app.call('accounts.list', {})) as AccountView[];
    expect(account).toMatchObject({ status: 'online' });
    expect(proxy.accepted.length).toBeGreaterThan(0);
    expect(new Set(proxy.accepted.map((a) => a.tag))).toEqual(new Set(['padded']));
    expect(proxy.dropped).toEqual([]);
    await answersThroughProxy('15550502', proxy);
  });

  it('"Test proxy" fails plainly with a wrong secret or a closed port, and nothing is saved', async () => {
    proxy = await startMTProxy({ secret, dcPorts: dcPorts() });
    const wrong = (await app.call('accounts.testProxy', { proxy: { type: 'mtproxy', host: '127.0.0.1', port: proxy.port, secret: 'ffffffffffffffffffffffffffffffff' } })) as ProxyTest;
    expect(wrong, JSON.stringify(wrong)).toMatchObject({ ok: false, problem: 'secret' });
    expect(proxy.dropped[0]).toMatch(/unknown protocol tag/);
    const closed = await startMTProxy({ secret, dcPorts: dcPorts() });
    await closed.close();
    expect(await app.call('accounts.testProxy', { proxy: { type: 'mtproxy', host: '127.0.0.1', port: closed.port, secret } })).toMatchObject({ ok: false, problem: 'refused' });
    expect(await app.call('accounts.list', {})).toEqual([]);
  });
});
