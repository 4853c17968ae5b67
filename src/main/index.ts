import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, safeStorage, session, shell, type WebFrameMain } from 'electron';
import { languageForLocale } from '../shared/settings';
import { createApp, type VoronkaApp } from './app';
import { findElectronSqliteBinding } from './electronNative';
import { createSecretBox } from './secrets/secretBox';
import { appVersion } from './version';

// The Electron host: a window, IPC bound to the shared RPC router, nothing else. Everything that
// can be tested lives in app.ts and below, which the headless host runs too.

const rendererIndex = fileURLToPath(new URL('../renderer/index.html', import.meta.url));
const preloadPath = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
const iconPath = app.isPackaged
  ? join(process.resourcesPath, 'icon.png')
  : join(app.getAppPath(), 'resources', 'icon.png');

let voronka: VoronkaApp | undefined;

function isOwnFrame(frame: WebFrameMain | null): boolean {
  if (!frame) return false;
  if (devServerUrl) return frame.url.startsWith(devServerUrl);
  return frame.url.startsWith('file://') && decodeURIComponent(new URL(frame.url).pathname).endsWith('/renderer/index.html');
}

function createWindow(core: VoronkaApp): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    title: 'Voronka',
    icon: iconPath,
    show: false,
    webPreferences: {
      preload: preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  win.webContents.setWindowOpenHandler(({ url }) => {
    // Links to the web open in the user's browser, never inside the app.
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (event) => event.preventDefault());
  win.webContents.on('will-redirect', (event) => event.preventDefault());

  const unsubscribe = core.events.subscribe((event, payload) => {
    if (!win.isDestroyed()) win.webContents.send('rpc:event', event, payload);
  });
  win.on('closed', unsubscribe);

  if (devServerUrl) void win.loadURL(devServerUrl);
  else void win.loadFile(rendererIndex);
  return win;
}

function installContentSecurityPolicy(): void {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [
          "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
            "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'",
        ],
      },
    });
  });
  // The renderer needs no device or notification permissions of the web kind.
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
}

async function start(): Promise<void> {
  await app.whenReady();
  const binding = findElectronSqliteBinding(process.resourcesPath, app.getAppPath());
  if (!binding) {
    dialog.showErrorBox(
      'Voronka',
      'better-sqlite3 is not built for Electron. Run "npm run electron:native" once, then start again.',
    );
    app.exit(1);
    return;
  }
  const core = createApp({
    dataDir: app.getPath('userData'),
    host: 'electron',
    version: appVersion,
    defaultLanguage: languageForLocale(app.getLocale()),
    nativeBinding: binding,
    // The data key is wrapped by the OS keychain (Keychain / DPAPI / libsecret) when available.
    secrets: createSecretBox(
      app.getPath('userData'),
      safeStorage.isEncryptionAvailable()
        ? { protect: (key) => safeStorage.encryptString(key.toString('base64')), unprotect: (stored) => Buffer.from(safeStorage.decryptString(stored), 'base64') }
        : undefined,
    ),
  });
  voronka = core;
  installContentSecurityPolicy();
  ipcMain.handle('rpc:call', (event, method: unknown, input: unknown) => {
    if (!isOwnFrame(event.senderFrame)) {
      return { ok: false, error: { code: 'unauthorized', message: 'Unknown sender' } };
    }
    return core.rpc.dispatch(method, input);
  });
  createWindow(core);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow(core);
  });
}

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault());
});
app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
// Closing waits for Telegram clients and running turns, so quitting is deferred until that is done.
let closing = false;
app.on('before-quit', (event) => {
  const core = voronka;
  if (!core || closing) return;
  event.preventDefault();
  closing = true;
  void core.close().finally(() => {
    voronka = undefined;
    app.quit();
  });
});

if (!app.requestSingleInstanceLock()) app.quit();
else
  start().catch((error: unknown) => {
    dialog.showErrorBox('Voronka could not start', error instanceof Error ? error.message : String(error));
    app.exit(1);
  });
