import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { RpcEvent, RpcEventPayload, RpcInput, RpcMethod, RpcOutput } from '../../../shared/rpc';
import { takeEarlyCall } from './earlyCalls';
import { rpc } from './rpcClient';
import { RpcCallError } from './rpcCallError';

export { RpcCallError };

export async function callRpc<M extends RpcMethod>(method: M, input: RpcInput<M>): Promise<RpcOutput<M>> {
  const result = await rpc.call(method, input);
  if (!result.ok) throw new RpcCallError(result.error);
  return result.value;
}

/** The same, answered by the identical call boot.ts sent at start-up when there is one (rpc/earlyCalls). */
export async function callRpcOrEarly<M extends RpcMethod>(method: M, input: RpcInput<M>): Promise<RpcOutput<M>> {
  const result = await (takeEarlyCall(method, input) ?? rpc.call(method, input));
  if (!result.ok) throw new RpcCallError(result.error);
  return result.value;
}

export function useRpcQuery<M extends RpcMethod>(method: M, input: RpcInput<M>, options: { enabled?: boolean } = {}) {
  return useQuery({ queryKey: [method, input], queryFn: () => callRpc(method, input), enabled: options.enabled });
}

export function useRpcMutation<M extends RpcMethod>(method: M) {
  return useMutation({ mutationFn: (input: RpcInput<M>) => callRpc(method, input) });
}

/** Subscribes to a pushed event for the component's lifetime; the latest handler is always used. */
export function useRpcEvent<E extends RpcEvent>(event: E, handler: (payload: RpcEventPayload<E>) => void): void {
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => rpc.on(event, (payload) => latest.current(payload)), [event]);
}

/** Keeps the settings query current when any window or tab changes a setting. */
export function useSettingsLiveUpdates(): void {
  const client = useQueryClient();
  useEffect(
    () => rpc.on('settings.changed', (settings) => client.setQueryData(['settings.get', {}], settings)),
    [client],
  );
}
