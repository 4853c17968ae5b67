import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { wirePath, wireTokenParam } from '../shared/rpcWire';
import type { VoronkaApp } from './app';
import { maxFrameBytes, serveRpcSocket } from './rpc/socketTransport';

export interface HeadlessServerOptions {
  app: VoronkaApp;
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
        if (!isAuthorised(request, token)) await reply.code(401).send({ error: 'unauthorized' });
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
