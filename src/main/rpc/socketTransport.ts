import type { WebSocket } from 'ws';
import { wireRequestSchema, type WireMessage } from '../../shared/rpcWire';
import type { Logger } from '../log';
import type { EventBus } from './eventBus';
import type { RpcRouter } from './router';

/** Largest request frame accepted: scripts and media pieces (`media.uploadPiece`, 4 MB as base64) fit well under it. */
export const maxFrameBytes = 8 * 1024 * 1024;

/** Serves the RPC contract to one authenticated WebSocket peer until it disconnects. */
export function serveRpcSocket(socket: WebSocket, rpc: RpcRouter, events: EventBus, log: Logger): void {
  const send = (message: WireMessage): void => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };
  const unsubscribe = events.subscribe((event, payload) => send({ kind: 'event', event, payload }));
  socket.on('close', unsubscribe);
  socket.on('error', (error) => log.warn('rpc socket error', { error }));
  socket.on('message', (data, isBinary) => {
    if (isBinary) return socket.close(1003, 'text frames only');
    let frame: unknown;
    try {
      frame = JSON.parse(data.toString());
    } catch {
      return socket.close(1007, 'malformed frame');
    }
    const request = wireRequestSchema.safeParse(frame);
    if (!request.success) return socket.close(1007, 'malformed frame');
    const { id, method, input } = request.data;
    void rpc.dispatch(method, input).then((result) => send({ kind: 'result', id, result }));
  });
}
