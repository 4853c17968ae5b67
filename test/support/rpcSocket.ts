import WebSocket from 'ws';
import type { RpcResult } from '../../src/shared/rpc';
import type { WireMessage } from '../../src/shared/rpcWire';

/** An RPC client over a headless host's WebSocket (the URL it printed, with its token), as the browser UI uses it. */
export async function rpcSocket(url: string): Promise<{ call<T>(method: string, input: unknown): Promise<T>; close(): void }> {
  const page = new URL(url);
  const socket = new WebSocket(`ws://${page.host}/rpc?token=${encodeURIComponent(page.searchParams.get('token') ?? '')}`, { origin: page.origin });
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  const pending = new Map<number, (result: RpcResult<unknown>) => void>();
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as WireMessage;
    if (message.kind === 'result') pending.get(message.id)?.(message.result as RpcResult<unknown>);
  });
  let next = 1;
  return {
    call: <T>(method: string, input: unknown) =>
      new Promise<T>((resolve, reject) => {
        const id = next++;
        pending.set(id, (result) => (result.ok ? resolve(result.value as T) : reject(Object.assign(new Error(`${method}: ${result.error.message}`), { error: result.error }))));
        socket.send(JSON.stringify({ id, method, input }));
      }),
    close: () => socket.close(),
  };
}
