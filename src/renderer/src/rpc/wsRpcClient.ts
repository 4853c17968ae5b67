import type { RpcClient, RpcEvent, RpcResult } from '../../../shared/rpc';
import { wirePath, wireTokenParam, type WireMessage } from '../../../shared/rpcWireAddress';

export type ConnectionState = 'connecting' | 'open' | 'lost' | 'unauthorized';

interface Pending {
  resolve(result: RpcResult<never>): void;
}

/**
 * The RPC client of the headless host: one WebSocket, requests paired by id, pushed events fanned
 * out, reconnect with backoff. Calls made while disconnected wait for the socket instead of failing.
 */
export function createWsRpcClient(
  pageUrl: URL,
  token: string,
  onState: (state: ConnectionState) => void,
): RpcClient {
  const socketUrl = new URL(wirePath, pageUrl);
  socketUrl.protocol = pageUrl.protocol === 'https:' ? 'wss:' : 'ws:';
  socketUrl.searchParams.set(wireTokenParam, token);

  let socket: WebSocket | undefined;
  let nextId = 1;
  let retryMs = 250;
  let everOpened = false;
  const pending = new Map<number, Pending>();
  const queue: { id: number; frame: string }[] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();

  const connect = (): void => {
    onState(everOpened ? 'lost' : 'connecting');
    const ws = new WebSocket(socketUrl);
    socket = ws;
    ws.onopen = () => {
      everOpened = true;
      retryMs = 250;
      onState('open');
      for (const { frame } of queue.splice(0)) ws.send(frame);
    };
    ws.onmessage = (message) => {
      const frame = JSON.parse(String(message.data)) as WireMessage;
      if (frame.kind === 'result') {
        pending.get(frame.id)?.resolve(frame.result as RpcResult<never>);
        pending.delete(frame.id);
      } else {
        for (const listener of listeners.get(frame.event) ?? []) listener(frame.payload);
      }
    };
    ws.onclose = () => {
      // Requests in flight on the dead socket cannot be answered: fail them as data.
      for (const [id, p] of pending) {
        p.resolve({ ok: false, error: { code: 'unavailable', message: 'Connection lost' } });
        pending.delete(id);
      }
      if (!everOpened && retryMs >= 1000) {
        // The page loaded from this server but the socket never opened: almost always a missing or
        // stale token. Fail the waiting calls so the UI can say so instead of hanging.
        onState('unauthorized');
        for (const { id } of queue.splice(0)) {
          pending.get(id)?.resolve({ ok: false, error: { code: 'unauthorized', message: 'No valid token' } });
          pending.delete(id);
        }
      }
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 5000);
    };
  };
  connect();

  return {
    call(method, input) {
      const id = nextId++;
      const frame = JSON.stringify({ id, method, input });
      return new Promise((resolve) => {
        pending.set(id, { resolve: resolve as Pending['resolve'] });
        if (socket?.readyState === WebSocket.OPEN) socket.send(frame);
        else queue.push({ id, frame });
      });
    },
    on(event: RpcEvent, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (payload: unknown) => void);
      listeners.set(event, set);
      return () => set.delete(listener as (payload: unknown) => void);
    },
  };
}
