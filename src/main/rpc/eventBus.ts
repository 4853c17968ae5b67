import type { RpcEvent, RpcEventPayload } from '../../shared/rpc';

export type EventListener = <E extends RpcEvent>(event: E, payload: RpcEventPayload<E>) => void;

/** Fan-out of pushed RPC events to every connected renderer (Electron windows, WebSocket clients). */
export interface EventBus {
  emit<E extends RpcEvent>(event: E, payload: RpcEventPayload<E>): void;
  /** Returns the unsubscribe function; transports call it when their peer goes away. */
  subscribe(listener: EventListener): () => void;
  listenerCount(): number;
}

export function createEventBus(): EventBus {
  const listeners = new Set<EventListener>();
  return {
    emit(event, payload) {
      for (const listener of listeners) listener(event, payload);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    listenerCount: () => listeners.size,
  };
}
