import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { isLocalAddress } from '../../../src/main/http/addressGuard';
import { createOutboundHttp, maxResponseBytes } from '../../../src/main/http/outboundHttp';

const servers: ReturnType<typeof createServer>[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((r) => { s.closeAllConnections(); s.close(() => r()); })));
});

interface Seen { method: string; url: string; headers: IncomingMessage['headers'] }

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    req.resume();
    req.on('end', () => handler(req, res));
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const base = { method: 'GET' as const, headers: {}, timeoutMs: 5_000, retries: 0 };

describe('outbound HTTP: addresses', () => {
  it('classifies loopback, private, link-local and metadata addresses as local, public ones not', () => {
    for (const a of ['127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', '::', 'fe80::1', 'fd00:ec2::254', '::ffff:127.0.0.1', '[::1]'])
      expect(isLocalAddress(a), a).toBe(true);
    for (const a of ['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111', '172.32.0.1']) expect(isLocalAddress(a), a).toBe(false);
  });

  it('refuses literal local addresses in every spelling before connecting', async () => {
    const http = createOutboundHttp();
    for (const url of ['http://127.0.0.1:9/', 'http://2130706433:9/', 'http://0x7f.1:9/', 'http://[::1]:9/', 'http://[::ffff:127.0.0.1]:9/', 'http://169.254.169.254/latest/meta-data/'])
      await expect(http.request({ ...base, url }), url).rejects.toThrow(/local or private address/);
  });

  it('resolves names and refuses one that points at a local address (localhost, a rebinding name)', async () => {
    const { url, seen } = await serve((_req, res) => res.end('secret'));
    const port = new URL(url).port;
    await expect(createOutboundHttp().request({ ...base, url: `http://localhost:${port}/admin` })).rejects.toThrow(/localhost resolves to .*local or private/);
    // A name whose DNS answer is the cloud metadata address (or this machine) is refused on the answer.
    const rebinding = createOutboundHttp({ lookup: (_host, _opts, cb) => cb(null, [{ address: '169.254.169.254', family: 4 }]) });
    await expect(rebinding.request({ ...base, url: 'http://tracker.example/postback' })).rejects.toThrow(/tracker.example resolves to 169.254.169.254/);
    expect(seen).toHaveLength(0);
  });

  it('reaches local targets when the script allows them', async () => {
    const { url } = await serve((_req, res) => res.end('ok'));
    await expect(createOutboundHttp().request({ ...base, url, allowLocal: true })).resolves.toEqual({ status: 200, body: 'ok' });
  });
});

describe('outbound HTTP: redirects', () => {
  it('does not follow a redirect unless asked, and never retries that refusal', async () => {
    const target = await serve((_req, res) => res.end('secret'));
    const hop = await serve((_req, res) => res.writeHead(302, { location: `${target.url}/admin/secrets` }).end());
    await expect(createOutboundHttp().request({ ...base, url: hop.url, allowLocal: true, retries: 3 })).rejects.toThrow(/Redirect \(HTTP 302\).*not followed/);
    expect(hop.seen).toHaveLength(1);
    expect(target.seen).toHaveLength(0);
  });

  it('when allowed, follows hops (303 turns POST into GET), drops headers on a new origin and checks every hop', async () => {
    const target = await serve((_req, res) => res.end('done'));
    const hop = await serve((_req, res) => res.writeHead(303, { location: `${target.url}/final` }).end());
    const http = createOutboundHttp();
    const response = await http.request({ ...base, method: 'POST', body: '{}', headers: { authorization: 'Bearer k' }, url: hop.url, allowLocal: true, followRedirects: true });
    expect(response).toEqual({ status: 200, body: 'done' });
    expect(target.seen).toEqual([expect.objectContaining({ method: 'GET', url: '/final' })]);
    expect(target.seen[0]?.headers.authorization).toBeUndefined();

    const toFile = await serve((_req, res) => res.writeHead(302, { location: 'file:///etc/passwd' }).end());
    await expect(http.request({ ...base, url: toFile.url, allowLocal: true, followRedirects: true })).rejects.toThrow(/Only http and https/);
    const loop = await serve((req, res) => res.writeHead(302, { location: `/again${req.url}` }).end());
    await expect(http.request({ ...base, url: loop.url, allowLocal: true, followRedirects: true })).rejects.toThrow(/More than 5 redirects/);
    // A public-looking name redirecting to metadata: the hop is resolved and refused like a first request.
    const viaName = createOutboundHttp({ lookup: (host, _opts, cb) => cb(null, [{ address: host === 'metadata.example' ? '169.254.169.254' : '127.0.0.1', family: 4 }]) });
    const toMetadata = await serve((_req, res) => res.writeHead(302, { location: 'http://metadata.example/latest/meta-data/' }).end());
    await expect(viaName.request({ ...base, url: toMetadata.url, followRedirects: true, allowLocal: false })).rejects.toThrow(/local or private address/);
  });
});

describe('outbound HTTP: size and time', () => {
  it('stops reading a response past 256 KB', async () => {
    const { url } = await serve((_req, res) => res.end(Buffer.alloc(maxResponseBytes + 1024, 'a')));
    await expect(createOutboundHttp().request({ ...base, url, allowLocal: true })).rejects.toThrow(/larger than 256 KB/);
    const fits = await serve((_req, res) => res.end(Buffer.alloc(1000, 'a')));
    await expect(createOutboundHttp().request({ ...base, url: fits.url, allowLocal: true })).resolves.toMatchObject({ status: 200 });
  });

  it('gives up on a target that never finishes its body', async () => {
    const { url } = await serve((_req, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('partial');
    });
    await expect(createOutboundHttp().request({ ...base, url, allowLocal: true, timeoutMs: 300 })).rejects.toThrow(/Timed out/);
  });
});

describe('outbound HTTP: idempotency key', () => {
  it('sends the call\'s key as Idempotency-Key on a POST, the same on every attempt, and leaves a GET as it is', async () => {
    let calls = 0;
    const { url, seen } = await serve((_req, res) => res.writeHead(++calls === 1 ? 503 : 200).end('ok'));
    const http = createOutboundHttp({ backoffMs: 0 });
    await http.request({ ...base, method: 'POST', body: '{"a":1}', url: `${url}/crm`, retries: 1, allowLocal: true, idempotencyKey: 'voronka-7-x-3-1' });
    await http.request({ ...base, url: `${url}/postback?clickid=C1`, allowLocal: true, idempotencyKey: 'voronka-7-x-3-2' });
    expect(seen.map((s) => [s.method, s.url, s.headers['idempotency-key']])).toEqual([
      ['POST', '/crm', 'voronka-7-x-3-1'],
      ['POST', '/crm', 'voronka-7-x-3-1'],
      ['GET', '/postback?clickid=C1', undefined],
    ]);
  });
});
