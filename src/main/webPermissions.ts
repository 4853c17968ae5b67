/** Whether `url` is the app's own renderer page: the dev server in development, else the packaged index.html. */
export function isAppPage(url: string, devServerUrl: string | undefined): boolean {
  // Same origin, not a prefix: `http://localhost:5173.evil.example` starts with `http://localhost:5173`.
  if (devServerUrl) {
    try {
      return new URL(url).origin === new URL(devServerUrl).origin;
    } catch {
      return false;
    }
  }
  if (!url.startsWith('file://')) return false;
  try {
    return decodeURIComponent(new URL(url).pathname).endsWith('/renderer/index.html');
  } catch {
    return false;
  }
}

/**
 * The one web permission the desktop app grants: notifications ("a chat needs a human"), and only
 * to its own page. Camera, microphone, geolocation, clipboard… and any other page are refused.
 */
export function webPermissionAllowed(permission: string, url: string, devServerUrl: string | undefined): boolean {
  return permission === 'notifications' && isAppPage(url, devServerUrl);
}

/**
 * Only the app's own top frame may call RPC: never an iframe (sub-frame), whatever its URL. Takes
 * the shape of Electron's WebFrameMain (`event.senderFrame`, null once the frame is gone).
 */
export function isRpcSender(frame: { url: string; parent: unknown } | null, devServerUrl: string | undefined): boolean {
  if (!frame || frame.parent !== null) return false;
  return isAppPage(frame.url, devServerUrl);
}
