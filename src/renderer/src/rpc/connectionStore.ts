import { create } from 'zustand';
import type { ConnectionState } from './wsRpcClient';

/** Whether the renderer can reach the main side; the Electron bridge is always 'open'. */
export const useConnection = create<{ state: ConnectionState; set(state: ConnectionState): void }>((set) => ({
  state: 'connecting',
  set: (state) => set({ state }),
}));
