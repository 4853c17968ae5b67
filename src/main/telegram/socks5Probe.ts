import { connect } from 'node:net';

export type Socks5ProbeResult = { ok: true } | { ok: false; problem: 'refused' | 'auth' | 'timeout' | 'unreachable' | 'failed'; detail: string };

/**
 * The SOCKS5 greeting and, when credentials are given, the username/password sub-negotiation
 * (RFC 1928 §3, RFC 1929), and nothing more. teleproto's socket library reports a rejected password
 * as an "internal error"; this step names it, so "Test proxy" can say *wrong password* rather than
 * *failed*. The full MTProto connection through the proxy is checked after it.
 */
export function probeSocks5(host: string, port: number, username: string | undefined, password: string | undefined, timeoutMs: number): Promise<Socks5ProbeResult> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    let received = Buffer.alloc(0);
    let stage: 'greeting' | 'auth' = 'greeting';
    const done = (result: Socks5ProbeResult): void => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => done({ ok: false, problem: 'timeout', detail: `No answer from the proxy within ${timeoutMs / 1000} s` }));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      const code = error.code ?? '';
      const problem = code === 'ECONNREFUSED' ? 'refused' : /ENOTFOUND|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN/.test(code) ? 'unreachable' : 'failed';
      done({ ok: false, problem, detail: error.message });
    });
    socket.on('close', () => done({ ok: false, problem: 'failed', detail: 'The proxy closed the connection during the SOCKS5 handshake' }));
    const withAuth = username !== undefined && username !== '';
    socket.on('connect', () => socket.write(Buffer.from(withAuth ? [5, 2, 0, 2] : [5, 1, 0])));
    socket.on('data', (chunk) => {
      received = Buffer.concat([received, chunk]);
      if (received.length < 2) return;
      if (stage === 'greeting') {
        if (received[0] !== 5) return done({ ok: false, problem: 'failed', detail: 'Not a SOCKS5 proxy' });
        const method = received[1];
        received = received.subarray(2);
        if (method === 0) return done({ ok: true });
        if (method === 2 && withAuth) {
          stage = 'auth';
          const user = Buffer.from(username ?? '', 'utf8');
          const pass = Buffer.from(password ?? '', 'utf8');
          socket.write(Buffer.concat([Buffer.from([1, user.length]), user, Buffer.from([pass.length]), pass]));
          return;
        }
        return done({ ok: false, problem: 'auth', detail: method === 2 ? 'The proxy requires a username and password' : 'The proxy accepts none of the offered ways to sign in' });
      }
      return done(received[1] === 0 ? { ok: true } : { ok: false, problem: 'auth', detail: 'The proxy rejected the username or password' });
    });
  });
}
