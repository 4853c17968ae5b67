import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { wirePath, wireTokenParam } from '../shared/rpcWire';
import type { VoronkaApp } from './app';
import { maxFrameBytes, serveRpcSocket } from './rpc/socketTransport';

export interface HeadlessServerOptions {
  app: Pick<VoronkaApp, 'rpc' | 'events' | 'log'>;
  /** Folder of the built renderer (out/renderer). */
  rendererDir: string;
  host?: string;
  port?: number;
  /** Per-run secret; generated when omitted. */
  token?: string;
}

export interface HeadlessServer {
  /** The page to open, token included. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Serves the renderer build and the RPC over a WebSocket. The page is public, the RPC is not:
 * the socket needs the per-run token and a same-origin `Origin`, so neither another local user
 * nor a web page open in the user's browser can drive the app.
 */
export async function startHeadlessServer(options: HeadlessServerOptions): Promise<HeadlessServer> {
  const { app } = options;
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? randomBytes(24).toString('base64url');
  const server = Fastify({ logger: false, bodyLimit: 1024 * 1024 });

  // DNS rebinding: a web page on evil.example re-points its name to 127.0.0.1 and reads this server
  // as same-origin. Its requests still carry `Host: evil.example:PORT`, so only this server's own
  // names are served.
  const ownHost = (request: FastifyRequest): boolean => {
    const address = server.server.address();
    return isOwnHost(request.headers.host, host, address && typeof address === 'object' ? address.port : 0);
  };
  server.addHook('onRequest', async (request, reply) => {
    // The socket upgrade is refused in its own preValidation (a reply here would leave it hanging).
    if (request.headers.upgrade) return;
    if (!ownHost(request)) await reply.code(421).type('text/plain').send('Misdirected request: unknown Host');
  });

  server.addHook('onSend', async (request, reply) => {
    reply.header('Content-Security-Policy', contentSecurityPolicy(request.headers.host ?? host));
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('X-Frame-Options', 'DENY');
  });

  await server.register(fastifyWebsocket, { options: { maxPayload: maxFrameBytes } });
  server.get(
    wirePath,
    {
      websocket: true,
      preValidation: async (request, reply) => {
        if (!ownHost(request)) await reply.code(421).send({ error: 'unknown host' });
        else if (!isAuthorised(request, token)) await reply.code(401).send({ error: 'unauthorized' });
      },
    },
    (socket) => serveRpcSocket(socket, app.rpc, app.events, app.log.child('ws')),
  );
  // index.html carries a CSP meta for the Electron build (file:// has no headers); here the header
  // above is exact for the host the user chose, so the page is served without the meta.
  const indexHtml = readFileSync(join(options.rendererDir, 'index.html'), 'utf8').replace(
    /<meta\s+http-equiv="Content-Security-Policy"[^>]*>/i,
    '',
  );
  const sendIndex = (_request: FastifyRequest, reply: FastifyReply) =>
    reply.type('text/html; charset=utf-8').send(indexHtml);
  server.get('/', sendIndex);
  server.get('/index.html', sendIndex);
  await server.register(fastifyStatic, { root: options.rendererDir, index: false, wildcard: true });

  await server.listen({ host, port: options.port ?? 0 });
  const address = server.server.address();
  if (!address || typeof address === 'string') throw new Error('The server did not report its port');
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${address.port}/?${wireTokenParam}=${token}`,
    port: address.port,
    close: () => server.close(),
  };
}

/**
 * `localhost`, the configured host, or any IP literal, on this port. An IP literal cannot be
 * rebound (rebinding needs a name the attacker controls), which keeps `--host 0.0.0.0` usable by
 * address from another machine.
 */
export function isOwnHost(hostHeader: string | undefined, configuredHost: string, port: number): boolean {
  if (!hostHeader) return false;
  let parsed: URL;
  try {
    parsed = new URL(`http://${hostHeader}`);
  } catch {
    return false;
  }
  if (parsed.username || parsed.password || parsed.pathname !== '/' || Number(parsed.port || 80) !== port) return false;
  const name = parsed.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return name === 'localhost' || name === configuredHost.toLowerCase() || isIP(name) !== 0;
}

function isAuthorised(request: FastifyRequest, token: string): boolean {
  const query = request.query as Record<string, unknown>;
  const given = Buffer.from(typeof query[wireTokenParam] === 'string' ? query[wireTokenParam] : '');
  const expected = Buffer.from(token);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
  // Browsers always send Origin on WebSocket upgrades; it must be this very server.
  const origin = request.headers.origin;
  if (!origin) return false;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

function contentSecurityPolicy(hostHeader: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    // Mantine sets inline style attributes; no inline scripts are allowed.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self' ws://${hostHeader}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
