import { PromisedNetSockets } from 'teleproto/extensions/index.js';
import { StringSession } from 'teleproto/sessions/index.js';
import type { TelegramClientOptions } from '../../telegram/clientFactory';
import type { FakeTelegramServer } from './server';
import { DC_ID } from './tlViews';

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
export function redirectingSocket(port: number): typeof PromisedNetSockets {
  return class FakeTelegramSocket extends PromisedNetSockets {
    override connect(_port: number, ip: string): Promise<unknown> {
      // Another DC of the same server (its dc_options say 127.0.1.<dc>) has its own port.
      const dc = /^127\.0\.1\.(\d+)$/.exec(ip)?.[1];
      const dcPort = dc === undefined ? undefined : dcPorts.get(port)?.[Number(dc)];
      return super.connect(dcPort ?? port, '127.0.0.1');
    }
  };
}

/** Ports of each running fake server's other DCs, by its main port (set by the server's listen()). */
const dcPorts = new Map<number, Record<number, number>>();

export function registerDcPorts(mainPort: number, ports: Record<number, number> | undefined): void {
  if (ports) dcPorts.set(mainPort, ports);
  else dcPorts.delete(mainPort);
}

/** The app's Telegram client settings for a fake server listening on `port` (tests, the sandbox host). */
export function fakeTelegramClientOptions(port: number): TelegramClientOptions {
  return { networkSocket: redirectingSocket(port), initialDc: { id: DC_ID, ip: '127.0.0.1', port: 443 }, retryDelay: 100 };
}

/** A StringSession already signed in as `phone` on `server`, without any key exchange or login round trips. */
export async function fixtureSession(server: FakeTelegramServer, phone: string): Promise<string> {
  const key = await server.preAuthorizedKey(phone);
  const session = new StringSession('');
  // StringSession.save() writes the port as int16: the stored address is informational only.
  session.setDC(DC_ID, '127.0.0.1', 443);
  session.setAuthKey(key);
  return session.save();
}
