import type { ProxyInput, ProxyTest } from '../../shared/rpc/accounts';
import { createTelegramClient } from './clientFactory';
import { defaultDeviceProfile } from './deviceProfile';
import { clientProxy, sealProxy } from './proxySettings';
import type { TelegramContext } from './telegramContext';
import { probeSocks5 } from './socks5Probe';
import { withTimeout } from './withTimeout';

const testTimeoutMs = 15_000;

/**
 * "Test proxy": a throwaway teleproto client with no session connects to Telegram through the
 * proxy — the same socket path an account uses — and creates an auth key. That proves the proxy
 * relays MTProto, not just that its port is open. Failures are told apart by what the socket
 * layer said: refused, rejected credentials, silence.
 */
export async function testProxy(input: ProxyInput, ctx: TelegramContext): Promise<ProxyTest> {
  if (input.type === 'socks5') {
    const probe = await probeSocks5(input.host, input.port, input.username, input.password, testTimeoutMs);
    if (!probe.ok) return { ok: false, problem: probe.problem, detail: probe.detail, elapsedMs: null };
  }
  const proxy = clientProxy(sealProxy(input, ctx.secrets), ctx.secrets);
  const client = createTelegramClient({ session: '', apiId: 1, apiHash: '00000000000000000000000000000000', device: defaultDeviceProfile(null), ...(proxy ? { proxy } : {}) }, { ...ctx.clientOptions, connectionRetries: 1, reconnectRetries: 0, autoReconnect: false });
  // teleproto's connect() does not throw on a failed dial: it reports the cause to onError and
  // resolves false. That cause is what tells "refused" from "wrong password".
  let cause: unknown;
  client.onError = async (error) => {
    cause ??= error;
  };
  const started = Date.now();
  try {
    const connected: unknown = await withTimeout(client.connect(), testTimeoutMs);
    if (connected === false) throw cause ?? new Error('Could not connect through the proxy');
    return { ok: true, problem: null, detail: null, elapsedMs: Date.now() - started };
  } catch (error) {
    // An RPC error means Telegram answered through the proxy (e.g. about the dummy API id): it works.
    if (error && typeof error === 'object' && 'errorMessage' in error) return { ok: true, problem: null, detail: null, elapsedMs: Date.now() - started };
    const detail = error instanceof Error ? error.message : String(error);
    const problem = problemOf(detail);
    // An MTProxy that took the connection and then dropped it did not like the init header: the
    // secret is wrong (or plain where the proxy wants dd); teleproto only says "Not connected".
    return { ok: false, problem: input.type === 'mtproxy' && problem === 'failed' ? 'secret' : problem, detail, elapsedMs: null };
  } finally {
    await client.destroy().catch(() => undefined);
  }
}

function problemOf(detail: string): NonNullable<ProxyTest['problem']> {
  if (/ECONNREFUSED/i.test(detail)) return 'refused';
  if (/auth|credential|password|username/i.test(detail)) return 'auth';
  if (/No answer from Telegram|timed? ?out|ETIMEDOUT/i.test(detail)) return 'timeout';
  if (/ENOTFOUND|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN/i.test(detail)) return 'unreachable';
  return 'failed';
}
