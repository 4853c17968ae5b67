import { z } from 'zod';

/**
 * Frames of the headless WebSocket transport. Electron IPC does not need them: `ipcRenderer.invoke`
 * already pairs requests with responses.
 */
export const wireRequestSchema = z.object({
  id: z.number().int().nonnegative(),
  method: z.string().max(100),
  input: z.unknown(),
});

export type WireMessage =
  | { kind: 'result'; id: number; result: unknown }
  | { kind: 'event'; event: string; payload: unknown };

/** WebSocket path of the RPC endpoint on the headless host. */
export const wirePath = '/rpc';
/** Query parameter carrying the per-run token, on the page URL and on the WebSocket URL. */
export const wireTokenParam = 'token';
