import type { Page } from '@playwright/test';
import WebSocket from 'ws';
import type { WireMessage } from '../../src/shared/rpcWire';
import { isRpcSender } from '../../src/main/webPermissions';

export interface ElectronBridge {
  /** Calls the page made through `window.voronka.call`, in order. */
  calls: string[];
  /** Events that could not be handed to the page (it must have none). */
  deliveryErrors: string[];
  close(): void;
}

/**
 * Stands in for the Electron main process and the preload (src/preload/index.ts) for a page opened
 * in plain Chromium: `window.voronka` is the preload's RpcClient, its calls go to a running headless
 * host's RPC, and every event the host pushes reaches the page the way `webContents.send('rpc:event',
 * name, payload)` does — one channel, each listener filtering by name. Calls are refused unless they
 * come from the app's own top frame, by the very check the Electron host applies (isRpcSender).
 *
 * What it cannot be: Electron's IPC copies values with the structured clone algorithm, this path
 * with JSON (host → here) and Playwright's serialiser (here → page); the RPC's values are plain JSON,
 * for which the three agree.
 */
export async function installElectronBridge(page: Page, hostUrl: string): Promise<ElectronBridge> {
  const host = new URL(hostUrl);
  const socket = new WebSocket(`ws://${host.host}/rpc?token=${encodeURIComponent(host.searchParams.get('token') ?? '')}`, { origin: host.origin });
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));

  const calls: string[] = [];
  const deliveryErrors: string[] = [];
  const pending = new Map<number, (result: unknown) => void>();
  let next = 1;
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as WireMessage;
    if (message.kind === 'result') {
      pending.get(message.id)?.(message.result);
      pending.delete(message.id);
      return;
    }
    if (page.isClosed()) return;
    page
      .evaluate(({ event, payload }) => (globalThis as unknown as { __voronkaMainSends(e: string, p: unknown): void }).__voronkaMainSends(event, payload), { event: message.event, payload: message.payload })
      .catch((error: unknown) => deliveryErrors.push(`${message.event}: ${error instanceof Error ? error.message : String(error)}`));
  });

  // ipcMain.handle('rpc:call', …) in src/main/index.ts: the sender's frame is checked, then dispatched.
  await page.exposeBinding('__voronkaInvoke', async (source, method: unknown, input: unknown) => {
    calls.push(String(method));
    if (!isRpcSender({ url: source.frame.url(), parent: source.frame.parentFrame() }, undefined)) {
      return { ok: false, error: { code: 'unauthorized', message: 'Unknown sender' } };
    }
    const id = next++;
    return new Promise((resolve) => {
      pending.set(id, resolve);
      socket.send(JSON.stringify({ id, method, input }));
    });
  });

  // The preload, line for line, with ipcRenderer replaced by the binding above and the event channel.
  await page.addInitScript(() => {
    type Handler = (name: string, payload: unknown) => void;
    const handlers = new Set<Handler>();
    const heard: { event: string; payload: unknown }[] = [];
    const page = globalThis as unknown as { __voronkaInvoke(method: unknown, input: unknown): Promise<unknown> };
    Object.defineProperty(globalThis, '__voronkaMainSends', {
      value: (name: string, payload: unknown) => {
        for (const handler of [...handlers]) handler(name, payload);
      },
    });
    // What reached a listener of the app, for the test to tell an event's effect from a refetch.
    Object.defineProperty(globalThis, '__voronkaHeard', { value: heard });
    const client = {
      call: (method: string, input: unknown) => page.__voronkaInvoke(method, input),
      on: (event: string, listener: (payload: unknown) => void) => {
        const handler: Handler = (name, payload) => {
          if (name !== event) return;
          heard.push({ event: name, payload });
          listener(payload);
        };
        handlers.add(handler);
        return () => void handlers.delete(handler);
      },
    };
    // contextBridge.exposeInMainWorld gives the page a read-only copy of the object.
    Object.defineProperty(globalThis, 'voronka', { value: Object.freeze(client), enumerable: true });
  });

  return { calls, deliveryErrors, close: () => socket.close() };
}
