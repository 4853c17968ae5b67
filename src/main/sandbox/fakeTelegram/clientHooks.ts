import { PromisedNetSockets } from 'teleproto/extensions/index.js';
import type { ProxyInterface } from 'teleproto/network/connection/TCPMTProxy';
import { StringSession } from 'teleproto/sessions/index.js';
import type { TelegramClientOptions } from '../../telegram/clientFactory';
import type { FakeTelegramServer } from './server';
import { DC_ID, dcAddress } from './tlViews';

/**
 * How a real teleproto client is pointed at the fake server. Every teleproto hook the fake relies
 * on (the socket class here, the RSA key map in rsaKey.ts) is confined to these two files, so a
 * teleproto upgrade that moves them breaks here, loudly.
 */

/**
 * A teleproto socket class that dials the fake server whatever address the client asks for.
 * teleproto ignores the session's port and always dials 80 (main) or 443 (downloads, other DCs),
 * so the redirect happens at the socket: `networkSocket` is a public client option, and teleproto
 * reuses it for reconnects and for its download connections.
 */
export function redirectingSocket(port: number, routes: Readonly<Record<string, number>> = {}): typeof PromisedNetSockets {
  return class FakeTelegramSocket extends PromisedNetSockets {
    /** An MTProxy is dialled as given: the proxy itself picks the DC from the client's init header. */
    private readonly toMTProxy: boolean;

    constructor(proxy?: ProxyInterface) {
      super(proxy);
      this.toMTProxy = proxy !== undefined && 'MTProxy' in proxy;
    }

    override connect(wantedPort: number, ip: string): Promise<unknown> {
      if (this.toMTProxy) return super.connect(wantedPort, ip);
      // A DC address goes to that DC's listener: explicit routes first, else the ports the server
      // registered for its DCs (listen()); anything else (Telegram's real addresses) to the main one.
      const dc = /^127\.0\.1\.(\d+)$/.exec(ip)?.[1];
      const dcPort = dc === undefined ? undefined : dcPorts.get(port)?.[Number(dc)];
      return super.connect(routes[ip] ?? dcPort ?? port, '127.0.0.1');
    }
  };
}

/** Ports of each running fake server's other DCs, by its main port (set by the server's listen()). */
const dcPorts = new Map<number, Record<number, number>>();

export function registerDcPorts(mainPort: number, ports: Record<number, number> | undefined): void {
  if (ports) dcPorts.set(mainPort, ports);
  else dcPorts.delete(mainPort);
}

/**
 * The app's Telegram client settings for a fake server listening on `port` (tests, the sandbox
 * host); the server's other DCs are found through its registered ports, or `routes` (`server.dcRoutes()`).
 */
export function fakeTelegramClientOptions(port: number, routes: Readonly<Record<string, number>> = {}): TelegramClientOptions {
  return { networkSocket: redirectingSocket(port, routes), initialDc: { id: DC_ID, ip: dcAddress(DC_ID), port: 443 }, retryDelay: 100 };
}

/** A StringSession already signed in as `phone` on `server`, without any key exchange or login round trips. */
export async function fixtureSession(server: FakeTelegramServer, phone: string): Promise<string> {
  const key = await server.preAuthorizedKey(phone);
  const session = new StringSession('');
  // StringSession.save() writes the port as int16: the stored address is informational only.
  const home = server.world.account(phone).homeDc;
  session.setDC(home, dcAddress(home), 443);
  session.setAuthKey(key);
  return session.save();
}
