import { contextBridge, ipcRenderer } from 'electron';
import type { RpcClient } from '../shared/rpc';

// The only thing the renderer sees of Electron: a typed RPC client. No ipcRenderer, no Node.
const client: RpcClient = {
  call: (method, input) => ipcRenderer.invoke('rpc:call', method, input),
  on: (event, listener) => {
    const handler = (_e: Electron.IpcRendererEvent, name: string, payload: unknown): void => {
      if (name === event) listener(payload as never);
    };
    ipcRenderer.on('rpc:event', handler);
    return () => ipcRenderer.removeListener('rpc:event', handler);
  },
};

contextBridge.exposeInMainWorld('voronka', client);
