/**
 * Where the headless WebSocket transport lives and what its frames look like, without the request
 * schema: the renderer needs only these, and its first paint should not evaluate zod (rpcWire.ts
 * validates requests on the host and re-exports these).
 */
export type WireMessage =
  | { kind: 'result'; id: number; result: unknown }
  | { kind: 'event'; event: string; payload: unknown };

/** WebSocket path of the RPC endpoint on the headless host. */
export const wirePath = '/rpc';
/** Query parameter carrying the per-run token, on the page URL and on the WebSocket URL. */
export const wireTokenParam = 'token';
