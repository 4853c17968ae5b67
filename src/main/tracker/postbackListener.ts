import { englishText, msg, type AppMessage } from '../../shared/appMessage';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { createServer, METHODS, STATUS_CODES } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { trackerPresetIdSchema, type TrackerPresetId, type TrackerSettings } from '../../shared/rpc/tracker';
import type { Logger } from '../log';
import { clientIp, type FrontProxy } from './clientIp';
import type { IpAllowlist } from './ipAllowlist';
import type { IntakeResult, PostbackRequest } from './postbackIntake';
import type { RateLimiter } from './rateLimiter';
import { decodeForm, parseJsonBody, requestParams } from './requestParams';
import type { StrangerLog } from './strangerLog';

export interface ListenerDeps {
  log: Logger;
  now: () => number;
  settings: () => TrackerSettings;
  tokenMatches(token: string): boolean;
  /** Per client and for the token as a whole; both consulted only after the token check. */
  clientLimiter: RateLimiter;
  tokenLimiter: RateLimiter;
  allowlist: () => IpAllowlist;
  /** What is in front of the listener now (the settings, or cloudflared while the quick tunnel runs). */
  frontProxy: () => FrontProxy;
  strangers: StrangerLog;
  /** Parses, de-duplicates and durably stores one request (see postbackIntake.ts). */
  receive(request: PostbackRequest): Promise<IntakeResult>;
  /** Slow-client limits; the defaults suit trackers, tests pin small ones. */
  timeouts?: { requestMs?: number; idleMs?: number };
}

export interface RunningListener {
  port: number;
  close(): Promise<void>;
}

interface Target {
  preset: TrackerPresetId;
  ip: string;
}

const rateLogEveryMs = 60_000;
const notFound = 'Not found';

/**
 * The postback endpoint: `GET|POST /pb/<token>[/<preset>]` (query, form or JSON). Every method and
 * path is answered. Before the body is read: the token (a stranger is only counted, never stored),
 * the allowlist, the rate limits (per client and per token), the method. A request that proved the
 * token is logged with its outcome; an accepted one is durable before the 200, and its lead event
 * happens after the answer, so a slow turn never makes a tracker retry.
 */
export async function startPostbackListener(deps: ListenerDeps, host: string, port: number): Promise<RunningListener> {
  const settings = deps.settings();
  const requestMs = deps.timeouts?.requestMs ?? 15_000;
  const app = Fastify({
    logger: false,
    bodyLimit: settings.maxBodyKb * 1024,
    forceCloseConnections: true,
    // A tracker sends one small request; a client that trickles headers or a body is cut off with a
    // 408. Node checks those deadlines on an interval (30 s by default), hence our own server.
    serverFactory: (handle) =>
      createServer({ requestTimeout: requestMs, headersTimeout: Math.min(requestMs, 10_000), connectionsCheckingInterval: Math.min(requestMs, 1_000) }, handle),
    requestTimeout: requestMs,
    connectionTimeout: deps.timeouts?.idleMs ?? 30_000,
    keepAliveTimeout: 5_000,
    // Unparsable HTTP (unknown method, broken request line, header timeout): answered 400, counted.
    clientErrorHandler: (error: { code?: string }, socket: Socket) => {
      deps.strangers.add({ method: '?', ip: socket.remoteAddress ?? 'unknown', path: '', reason: 'malformed' });
      const status = error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : '400 Bad Request';
      if (socket.writable) socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      else socket.destroy();
    },
  });
  // Every method Node's parser knows reaches the hooks below (TRACE, PROPFIND, QUERY…), to be answered and logged.
  for (const method of METHODS) {
    if (method !== 'CONNECT' && !app.supportedMethods.includes(method)) app.addHttpMethod(method, { hasBody: true });
  }

  const targets = new WeakMap<FastifyRequest, Target>();
  // Stores still under way when the listener closes are awaited, so none lands on a closed database.
  const inFlight = new Set<Promise<unknown>>();
  let closed = false;
  const receive = (request: PostbackRequest): Promise<IntakeResult> => {
    // An aborted request's error can surface after close: its socket is gone, nothing to answer or store.
    if (closed) return Promise.resolve({ status: 503, body: 'Shutting down', row: undefined, id: 0 });
    const task = deps.receive(request);
    inFlight.add(task);
    void task.catch(() => undefined).finally(() => inFlight.delete(task));
    return task;
  };
  // CONNECT never reaches a route: Node hands over the raw socket, which would otherwise just close.
  app.server.on('connect', (request: { url?: string }, socket: Socket) => {
    const gate = gatekeep('CONNECT', request.url ?? '', socket.remoteAddress ?? 'unknown');
    const answer = (status: number) => socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    if (gate.kind === 'stranger') return answer(gate.status);
    if (gate.kind === 'target') return answer(405); // unreachable: CONNECT is never GET or POST
    void receive(rejection(gate.target, 'CONNECT', { status: gate.status, error: msg('pbMethodNotAllowed', { method: 'CONNECT' }) }))
      .catch((error: unknown) => deps.log.error('postback listener error', { error }))
      .finally(() => answer(gate.status));
  });
  const rateLogged = new Map<string, number>();

  type Gate = { kind: 'stranger'; status: number; body: string } | { kind: 'target'; target: Target } | { kind: 'rejected'; target: Target; status: number; error: AppMessage; publicText?: string };

  /** Everything decided from the request line and the client address alone. */
  const gatekeep = (method: string, url: string, ip: string): Gate => {
    const path = url.split('?')[0] ?? '';
    const segments = path.split('/');
    const masked = segments.length > 2 ? `/${segments[1]}/…${segments.length > 3 ? `/${segments.slice(3).join('/')}` : ''}` : path;
    if (segments[1] !== 'pb' || segments.length > 4 || segments.length < 3) {
      deps.strangers.add({ method, ip, path: masked, reason: 'path' });
      return { kind: 'stranger', status: 404, body: notFound };
    }
    // Nothing about why: a wrong token and a wrong path look the same from outside.
    if (!deps.tokenMatches(decodeSafe(segments[2] ?? ''))) {
      deps.strangers.add({ method, ip, path: masked, reason: 'token' });
      return { kind: 'stranger', status: 404, body: notFound };
    }
    if (!deps.allowlist().allows(ip)) {
      deps.strangers.add({ method, ip, path: masked, reason: 'allowlist' });
      return { kind: 'stranger', status: 403, body: 'Forbidden' };
    }
    const presetSegment = segments[3] === undefined ? undefined : decodeSafe(segments[3]);
    const preset = presetSegment === undefined ? deps.settings().defaultPreset : trackerPresetIdSchema.safeParse(presetSegment).data;
    const target: Target = { preset: preset ?? deps.settings().defaultPreset, ip };
    // After the token: strangers cannot spend the tracker's budget.
    if (!deps.clientLimiter.take(ip) || !deps.tokenLimiter.take('token')) {
      const last = rateLogged.get(ip) ?? -Infinity;
      if (deps.now() - last < rateLogEveryMs) return { kind: 'stranger', status: 429, body: 'Too many requests' };
      // One log row a minute per client: the log must not become the flood's amplifier.
      rateLogged.set(ip, deps.now());
      if (rateLogged.size > 10_000) rateLogged.clear();
      return { kind: 'rejected', target, status: 429, error: msg('pbRateLimited'), publicText: 'Too many requests' };
    }
    if (!preset) return { kind: 'rejected', target, status: 404, error: msg('pbUnknownPreset', { preset: String(presetSegment).slice(0, 32) }), publicText: notFound };
    if (method !== 'GET' && method !== 'POST') return { kind: 'rejected', target, status: 405, error: msg('pbMethod', { method: method.slice(0, 16) }) };
    return { kind: 'target', target };
  };

  const rejection = (target: Target, method: string, params: { status: number; error: AppMessage }, raw: Record<string, unknown> = {}): PostbackRequest => ({
    preset: target.preset,
    method,
    remoteIp: target.ip,
    raw,
    params,
  });

  app.removeAllContentTypeParsers();
  // Bodies arrive as text: the handler decodes them with the same limits and errors as the query.
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  app.addHook('onRequest', async (request, reply) => {
    const ip = clientIp(request.socket.remoteAddress, request.headers, deps.frontProxy());
    const gate = gatekeep(request.method, request.url, ip);
    if (gate.kind === 'stranger') return reply.code(gate.status).header('connection', 'close').type('text/plain').send(gate.body);
    if (gate.kind === 'rejected') {
      await receive(rejection(gate.target, request.method, { status: gate.status, error: gate.error }, rawOf(request)));
      return reply.code(gate.status).type('text/plain').send(gate.publicText ?? englishText(gate.error));
    }
    targets.set(request, gate.target);
  });

  app.setErrorHandler(async (error: { statusCode?: number; message?: string }, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) deps.log.error('postback listener error', { error });
    const reason = status === 413 ? msg('pbBodyTooLarge', { kb: deps.settings().maxBodyKb }) : status === 500 ? msg('internalError') : msg('pbBadRequest', { detail: (error.message ?? 'Bad request').slice(0, 200) });
    const message = status === 500 ? 'Internal error' : englishText(reason);
    const target = targets.get(request);
    // A failed log write must not mask the answer.
    if (target && status < 500) await receive(rejection(target, request.method, { status, error: reason }, rawOf(request))).catch(() => undefined);
    return reply.code(status).type('text/plain').send(message);
  });

  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    const target = targets.get(request);
    if (!target) return reply.code(404).type('text/plain').send(notFound);
    const params = readParams(request);
    const result = await receive({ preset: target.preset, method: request.method, remoteIp: target.ip, raw: rawOf(request), params });
    return reply.code(result.status).type('text/plain').send(result.body);
  };
  app.route({ method: [...app.supportedMethods], url: '/*', handler });
  app.setNotFoundHandler(handler);

  await app.listen({ host, port });
  return {
    port: (app.server.address() as AddressInfo).port,
    close: async () => {
      await app.close();
      closed = true;
      await Promise.allSettled([...inFlight]);
    },
  };
}

/** Query and body as params, or why they cannot be read. */
function readParams(request: FastifyRequest): PostbackRequest['params'] {
  const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '';
  const text = request.method === 'POST' && typeof request.body === 'string' ? request.body : '';
  let body: string | Record<string, unknown> | undefined;
  if (text !== '') {
    // The query is read first, so its broken encoding is the answer even when the body is bad too.
    const queryRead = decodeForm(query);
    if (!queryRead.ok) return { status: 400, error: queryRead.error };
    const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (type === 'application/x-www-form-urlencoded') body = text;
    else if (type === 'application/json') {
      const json = parseJsonBody(text);
      if (!json.ok) return { status: 400, error: json.error };
      body = json.value;
    } else return { status: 415, error: msg('pbBodyType') };
  }
  const result = requestParams(query, body);
  return result.ok ? result.params : { status: 400, error: result.error };
}

/** What the log keeps of a request: query and body as received (the path token is never stored). */
function rawOf(request: FastifyRequest): Record<string, unknown> {
  const at = request.url.indexOf('?');
  const body = request.body;
  return {
    path: (at < 0 ? request.url : request.url.slice(0, at)).replace(/^\/pb\/[^/]*/, '/pb/…').slice(0, 100),
    query: at < 0 ? '' : request.url.slice(at + 1, at + 4001),
    ...(typeof body === 'string' && body !== '' ? { body: body.slice(0, 4000) } : {}),
  };
}

function decodeSafe(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
