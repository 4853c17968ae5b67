import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { HttpRefusedError, type HttpPort, type HttpRequest, type HttpResponse } from '../engine/ports';
import { BlockedAddressError, guardedLookup, isLocalAddress, type Lookup } from './addressGuard';

export const maxResponseBytes = 256 * 1024;
const maxRedirects = 5;

export interface OutboundHttpOptions {
  backoffMs?: number;
  maxBodyBytes?: number;
  /** Name resolution (tests point names at local addresses to prove the check runs after DNS). */
  lookup?: Lookup;
}

/** An answer that will not be retried: the request itself is not allowed or cannot succeed. */
export class OutboundRefusedError extends HttpRefusedError {}

/**
 * Outbound HTTP for webhook steps and tracker events. Unlike a bare `fetch`: redirects are followed
 * only when the caller allows it, and then every hop is checked again; names are resolved and local
 * or private addresses refused unless the script allows local targets; the response is read as a
 * stream and cut off past 256 KB; one timeout covers connecting, the headers and the body.
 * Retries (429, 5xx, network errors) use exponential backoff; refusals are never retried.
 */
export function createOutboundHttp(options: OutboundHttpOptions = {}): HttpPort {
  const backoffMs = options.backoffMs ?? 1000;
  const cap = options.maxBodyBytes ?? maxResponseBytes;
  return {
    async request(request) {
      let lastError: unknown;
      for (let attempt = 0; attempt <= request.retries; attempt++) {
        if (attempt > 0) await new Promise((r) => setTimeout(r, backoffMs * 2 ** (attempt - 1)));
        try {
          const response = await followHops(request, cap, options.lookup);
          if ((response.status === 429 || response.status >= 500) && attempt < request.retries) {
            lastError = new Error(`HTTP ${response.status}`);
            continue;
          }
          return response;
        } catch (error) {
          if (error instanceof OutboundRefusedError) throw error;
          lastError = error;
        }
      }
      throw lastError instanceof Error ? new Error(`${lastError.message} (after ${request.retries + 1} attempts)`) : new Error('Request failed');
    },
  };
}

async function followHops(request: HttpRequest, cap: number, lookup: Lookup | undefined): Promise<HttpResponse> {
  const deadline = AbortSignal.timeout(request.timeoutMs);
  let url = parseTarget(request.url);
  let method = request.method;
  let body = request.body;
  let headers = request.headers;
  for (let hop = 0; ; hop++) {
    // The key goes with every request that changes something, on every hop (it is not a secret).
    const sent = request.idempotencyKey && method !== 'GET' && !hasHeader(headers, 'idempotency-key') ? { ...headers, 'Idempotency-Key': request.idempotencyKey } : headers;
    const response = await once({ url, method, body, headers: sent, allowLocal: request.allowLocal ?? false, signal: deadline, cap, lookup });
    const location = response.status >= 300 && response.status < 400 ? response.location : undefined;
    if (!location) return { status: response.status, body: response.body };
    const next = parseTarget(new URL(location, url).toString());
    if (!request.followRedirects) throw new OutboundRefusedError(`Redirect (HTTP ${response.status}) to ${next.origin}${next.pathname} not followed: the step does not allow redirects`);
    if (hop + 1 >= maxRedirects) throw new OutboundRefusedError(`More than ${maxRedirects} redirects`);
    if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
      method = 'GET';
      body = undefined;
    }
    // Headers set for one host (API keys) are not handed to another.
    if (next.origin !== url.origin) headers = {};
    url = next;
  }
}

function parseTarget(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OutboundRefusedError(`Not a valid URL: ${raw}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new OutboundRefusedError(`Only http and https URLs can be called, not ${url.protocol}`);
  return url;
}

interface Once {
  url: URL;
  method: 'GET' | 'POST';
  body: string | undefined;
  headers: Record<string, string>;
  allowLocal: boolean;
  signal: AbortSignal;
  cap: number;
  lookup: Lookup | undefined;
}

function once(o: Once): Promise<{ status: number; body: string; location?: string }> {
  const host = o.url.hostname.replace(/^\[|\]$/g, '');
  // A literal address never goes through DNS, so it is checked here.
  if (!o.allowLocal && isLocalAddress(host))
    return Promise.reject(new OutboundRefusedError(`${host} is a local or private address; allow local targets in the script to call it`));
  const payload = o.method === 'POST' && o.body !== undefined ? Buffer.from(o.body) : undefined;
  const headers: Record<string, string> = { 'user-agent': 'Voronka', ...(payload && !hasHeader(o.headers, 'content-type') ? { 'content-type': guessType(o.body ?? '') } : {}), ...o.headers };
  if (payload) headers['content-length'] = String(payload.length);
  const send = o.url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(o.url, { method: o.method, headers, signal: o.signal, lookup: guardedLookup(o.allowLocal, o.lookup), agent: false }, (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > o.cap) {
          res.destroy();
          reject(new OutboundRefusedError(`The response is larger than ${Math.round(o.cap / 1024)} KB`));
          return;
        }
        chunks.push(chunk);
      });
      res.on('error', reject);
      res.on('end', () => {
        const location = res.headers.location;
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), ...(location ? { location } : {}) });
      });
    });
    req.on('error', (error) => reject(error instanceof BlockedAddressError ? new OutboundRefusedError(error.message) : timeoutMessage(error, o.signal)));
    req.end(payload);
  });
}

function timeoutMessage(error: Error, signal: AbortSignal): Error {
  return signal.aborted ? new Error('Timed out') : error;
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((h) => h.toLowerCase() === name);
}

function guessType(body: string): string {
  const trimmed = body.trim();
  return trimmed.startsWith('{') || trimmed.startsWith('[') ? 'application/json' : 'application/x-www-form-urlencoded';
}
