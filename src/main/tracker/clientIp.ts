import { isIP } from 'node:net';
import type { IncomingHttpHeaders } from 'node:http';

/** What sits in front of the listener, as the operator says (Tracker settings). */
export type FrontProxy = 'none' | 'proxy' | 'cloudflared';

const loopback = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * The client a request came from, for rate limits, the allowlist and the log. Forwarding headers
 * are anyone's to write, so they count only when the operator has said a proxy or tunnel is in
 * front, and only from a peer on this machine (where cloudflared, ngrok, `ssh -R` or a local nginx
 * connect from): `CF-Connecting-IP` for cloudflared, else the last `X-Forwarded-For` entry — the
 * address the proxy itself saw (earlier entries are the client's own claims).
 */
export function clientIp(peer: string | undefined, headers: IncomingHttpHeaders, front: FrontProxy): string {
  const socketIp = peer ?? 'unknown';
  if (front === 'none' || !loopback.has(socketIp)) return socketIp;
  if (front === 'cloudflared') {
    const cf = headers['cf-connecting-ip'];
    const value = (Array.isArray(cf) ? cf[0] : cf)?.trim();
    return value && isIP(value) ? value : socketIp;
  }
  const forwarded = headers['x-forwarded-for'];
  const list = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? '')).split(',');
  const last = list[list.length - 1]?.trim();
  return last && isIP(last) ? last : socketIp;
}
