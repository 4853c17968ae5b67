import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import type { AddressInfo } from 'node:net';
import { trackerPresetIdSchema, type PostbackLogRow, type TrackerPresetId, type TrackerSettings } from '../../shared/rpc/tracker';
import type { Db } from '../db/connection';
import { getPostback, insertPostback, type NewPostback } from '../db/repositories/postbacksRepo';
import type { WriteQueue } from '../db/writeQueue';
import type { Logger } from '../log';
import type { IpAllowlist } from './ipAllowlist';
import { storeParsedPostback } from './acceptPostback';
import { parsePostback } from './parsePostback';
import { resolvePreset } from './presets';
import type { RateLimiter } from './rateLimiter';
import { requestParams } from './requestParams';

export interface ListenerDeps {
  db: Db;
  writes: WriteQueue;
  log: Logger;
  now: () => number;
  settings: () => TrackerSettings;
  tokenMatches(token: string): boolean;
  limiter: RateLimiter;
  allowlist: () => IpAllowlist;
  /** An accepted, stored request to process after the answer. */
  onAccepted(id: number): void;
  /** Any row logged with its final outcome here (rejections, duplicates). */
  onLogged(row: PostbackLogRow): void;
}

export interface RunningListener {
  port: number;
  close(): Promise<void>;
}

interface Target {
  tokenOk: boolean;
  preset: TrackerPresetId | undefined;
}

const rateLogEveryMs = 60_000;

/**
 * The postback endpoint: `GET|POST /pb/<token>[/<preset>]` (query, form or JSON). Cheap checks run
 * before the body is read (rate limit, allowlist, token); the raw request is stored before the 200
 * goes out, and the engine work happens after it, so a slow turn never makes a tracker retry.
 */
export async function startPostbackListener(deps: ListenerDeps, host: string, port: number): Promise<RunningListener> {
  const settings = deps.settings();
  // Behind cloudflared/ngrok the peer is loopback; their X-Forwarded-For names the real sender.
  const app = Fastify({ logger: false, bodyLimit: settings.maxBodyKb * 1024, trustProxy: ['127.0.0.1', '::1'], forceCloseConnections: true });
  const targets = new WeakMap<FastifyRequest, Target>();
  const rateLogged = new Map<string, number>();

  const log = async (request: FastifyRequest, row: Omit<NewPostback, 'receivedAt' | 'method' | 'remoteIp' | 'raw' | 'preset'> & { preset?: string | null }) => {
    const stored = await deps.writes.run(() => {
      const { id } = insertPostback(deps.db, {
        receivedAt: deps.now(),
        method: request.method.slice(0, 10),
        remoteIp: request.ip ?? null,
        preset: row.preset ?? targets.get(request)?.preset ?? null,
        raw: rawOf(request),
        ...row,
      });
      return getPostback(deps.db, id);
    });
    if (stored) deps.onLogged(stored);
    return stored;
  };
  const reject = async (request: FastifyRequest, reply: FastifyReply, status: number, error: string, publicText?: string) => {
    await log(request, { outcome: 'rejected', error });
    return reply.code(status).type('text/plain').send(publicText ?? error);
  };

  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  app.addHook('onRequest', async (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    const segments = path.split('/');
    if (segments[1] !== 'pb' || segments.length > 4) return reply.code(404).type('text/plain').send('Not found');
    const ip = request.ip ?? 'unknown';
    if (!deps.limiter.take(ip)) {
      // One log row a minute per IP: the log must not become the flood's amplifier.
      const last = rateLogged.get(ip) ?? -Infinity;
      if (deps.now() - last >= rateLogEveryMs) {
        rateLogged.set(ip, deps.now());
        if (rateLogged.size > 10_000) rateLogged.clear();
        await log(request, { outcome: 'rejected', error: 'Rate limit exceeded (further rejections from this IP are not logged for a minute)' });
      }
      return reply.code(429).type('text/plain').send('Too many requests');
    }
    if (!deps.allowlist().allows(request.ip)) return reject(request, reply, 403, `IP ${ip} is not in the allowlist`, 'Forbidden');
    const presetSegment = segments[3];
    const preset = presetSegment === undefined ? deps.settings().defaultPreset : trackerPresetIdSchema.safeParse(presetSegment).data;
    const tokenOk = deps.tokenMatches(decodeSafe(segments[2] ?? ''));
    targets.set(request, { tokenOk, preset });
    // Nothing about why: a wrong token and a wrong path look the same from outside.
    if (!tokenOk) return reject(request, reply, 404, 'Unknown token', 'Not found');
    if (!preset) return reject(request, reply, 404, `Unknown preset "${String(presetSegment).slice(0, 32)}"`, 'Not found');
  });

  app.setErrorHandler(async (error: { statusCode?: number; message?: string }, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) deps.log.error('postback listener error', { error });
    const message = status === 413 ? `Body larger than ${deps.settings().maxBodyKb} KB` : (error.message ?? 'Bad request').slice(0, 200);
    // Only requests that passed the token check reach the log; a failed write must not mask the answer.
    if (status < 500 && targets.get(request)?.tokenOk) await log(request, { outcome: 'rejected', error: message }).catch(() => undefined);
    return reply.code(status).type('text/plain').send(status === 500 ? 'Internal error' : message);
  });

  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    const target = targets.get(request);
    if (!target?.preset) return reply.code(404).type('text/plain').send('Not found');
    if (request.method !== 'GET' && request.method !== 'POST') return reject(request, reply, 405, `Method ${request.method} not allowed`);
    const current = deps.settings();
    const preset = resolvePreset(target.preset, current.presets[target.preset]);
    const result = parsePostback(requestParams(request.query, request.body), preset);
    if (!result.ok) return reject(request, reply, result.status, result.error);
    const { postback } = result;
    const stored = await deps.writes.run(() =>
      storeParsedPostback(deps.db, { receivedAt: deps.now(), method: request.method, remoteIp: request.ip ?? null, preset: target.preset ?? null, raw: rawOf(request) }, postback),
    );
    // A replay is answered like the original: the sender did nothing wrong, it must stop retrying.
    void reply.code(200).type('text/plain').send(current.responseBody);
    if (stored.duplicate) {
      const row = getPostback(deps.db, stored.id);
      if (row) deps.onLogged(row);
    } else deps.onAccepted(stored.id);
    return reply;
  };
  for (const url of ['/pb/:token', '/pb/:token/:preset']) {
    app.route({ method: ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'], url, handler });
  }

  await app.listen({ host, port });
  return {
    port: (app.server.address() as AddressInfo).port,
    close: () => app.close(),
  };
}

/** What the log keeps of a request: query and body as received (the path token is never stored). */
function rawOf(request: FastifyRequest): Record<string, unknown> {
  const body = request.body;
  return {
    path: request.url.split('?')[0]?.replace(/^\/pb\/[^/]*/, '/pb/…').slice(0, 100),
    query: request.query ?? {},
    ...(body === undefined || body === null ? {} : { body: typeof body === 'string' ? body.slice(0, 4000) : body }),
  };
}

function decodeSafe(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
