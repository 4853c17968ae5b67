import { describe, expect, it } from 'vitest';
import { isAppPage, isRpcSender, webPermissionAllowed } from '../../../src/main/webPermissions';

const packaged = 'file:///opt/Voronka/resources/app.asar/out/renderer/index.html#/inbox';

describe('desktop web permissions', () => {
  it('grants notifications to the app page only', () => {
    expect(webPermissionAllowed('notifications', packaged, undefined)).toBe(true);
    expect(webPermissionAllowed('notifications', 'https://evil.example/', undefined)).toBe(false);
    expect(webPermissionAllowed('notifications', 'file:///tmp/other.html', undefined)).toBe(false);
    expect(webPermissionAllowed('notifications', 'http://localhost:5173/#/inbox', 'http://localhost:5173')).toBe(true);
  });

  it('refuses every other permission, even to the app page', () => {
    for (const permission of ['media', 'geolocation', 'clipboard-read', 'openExternal', 'fullscreen', 'hid', 'midi'])
      expect(webPermissionAllowed(permission, packaged, undefined), permission).toBe(false);
  });

  it('recognises the packaged index.html and the dev server, nothing else', () => {
    expect(isAppPage(packaged, undefined)).toBe(true);
    expect(isAppPage('file:///opt/Voronka/resources/app.asar/out/renderer/index.html.evil', undefined)).toBe(false);
    expect(isAppPage('http://localhost:5173/', undefined)).toBe(false);
    expect(isAppPage('file://%%', undefined)).toBe(false);
  });

  it('takes only the dev server’s own origin, not any URL that starts with it', () => {
    const dev = 'http://localhost:5173';
    expect(isAppPage('http://localhost:5173/#/inbox', dev)).toBe(true);
    expect(isAppPage('http://localhost:5173.evil.example/', dev)).toBe(false);
    expect(isAppPage('http://localhost:51730/', dev)).toBe(false);
    expect(isAppPage('http://localhost:5173@evil.example/', dev)).toBe(false);
    expect(isAppPage('https://localhost:5173/', dev)).toBe(false);
    expect(isAppPage('not a url', dev)).toBe(false);
  });

  it('takes RPC calls from the app page’s top frame only', () => {
    expect(isRpcSender({ url: packaged, parent: null }, undefined)).toBe(true);
    expect(isRpcSender({ url: packaged, parent: { url: packaged } }, undefined)).toBe(false);
    expect(isRpcSender({ url: 'file:///tmp/other.html', parent: null }, undefined)).toBe(false);
    expect(isRpcSender(null, undefined)).toBe(false);
  });
});
