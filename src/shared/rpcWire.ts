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

export { wirePath, wireTokenParam, type WireMessage } from './rpcWireAddress';
