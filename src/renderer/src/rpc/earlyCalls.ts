import type { RpcInput, RpcMethod, RpcOutput, RpcResult } from '../../../shared/rpc';
import { rpc } from './rpcClient';

// Calls the app is sure to make on start (the settings, the inbox's first page), sent by boot.ts as
// soon as the socket exists — while the browser still parses and evaluates the app's ~1 MB of
// scripts — instead of after it. Each answer is taken once, by the same call made later.
const early = new Map<string, Promise<RpcResult<unknown>>>();
const keyOf = (method: RpcMethod, input: unknown): string => `${method} ${JSON.stringify(input)}`;

export function sendEarlyCall<M extends RpcMethod>(method: M, input: RpcInput<M>): void {
  early.set(keyOf(method, input), rpc.call(method, input));
}

/** The answer to this call if boot.ts sent it and nobody took it yet. */
export function takeEarlyCall<M extends RpcMethod>(method: M, input: RpcInput<M>): Promise<RpcResult<RpcOutput<M>>> | undefined {
  const key = keyOf(method, input);
  const answer = early.get(key);
  early.delete(key);
  return answer as Promise<RpcResult<RpcOutput<M>>> | undefined;
}

/** Once the app runs, an untaken early answer would only be stale later: dropped. */
export function dropEarlyCalls(): void {
  early.clear();
}
