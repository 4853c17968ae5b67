import type { RpcClient } from '../shared/rpc';

declare global {
  interface Window {
    /** Present in the Electron renderer (exposed by the preload); absent in a browser. */
    voronka?: RpcClient;
  }
}
export {};
