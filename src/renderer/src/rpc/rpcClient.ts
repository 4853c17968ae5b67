import type { RpcClient } from '../../../shared/rpc';
import { wireTokenParam } from '../../../shared/rpcWireAddress';
import { useConnection } from './connectionStore';
import { createWsRpcClient } from './wsRpcClient';

const tokenKey = 'voronka.token';

/**
 * The preload bridge in Electron; otherwise the headless host's WebSocket. The token arrives once
 * in the page URL, is kept for this tab (so reload works) and removed from the address bar.
 */
function pickClient(): RpcClient {
  if (window.voronka) {
    useConnection.getState().set('open');
    return window.voronka;
  }
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get(wireTokenParam);
  if (fromUrl) {
    sessionStorage.setItem(tokenKey, fromUrl);
    url.searchParams.delete(wireTokenParam);
    window.history.replaceState(null, '', url);
  }
  const token = fromUrl ?? sessionStorage.getItem(tokenKey) ?? '';
  return createWsRpcClient(url, token, (state) => useConnection.getState().set(state));
}

export const rpc: RpcClient = pickClient();
