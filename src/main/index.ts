import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, safeStorage, session, shell } from 'electron';
import { isRpcSender, webPermissionAllowed } from './webPermissions';
import { electronContentSecurityPolicy } from './contentSecurityPolicy';
import { languageForLocale } from '../shared/settings';
import { dbFileName } from './app';
import { runApp, type AppRunner } from './appRunner';
import { listBackups, swapInBackup } from './db/backups';
import { DatabaseDamagedError } from './db/damage';
import { findElectronSqliteBinding } from './electronNative';
import { isAllowedExternal } from './externalLinks';
import type { Logger } from './log';
import { openLogFile, type LogFile } from './logFile';
import { keychainTexts, keychainUnavailableDetail } from './secrets/keychainNotices';
import { KeychainUnavailableError, openSecretBox, rewrapKeyFile, type KeychainLike, type SecretBox } from './secrets/secretBox';
import { appVersion } from './version';

// The Electron host: a window, IPC bound to the shared RPC router, nothing else. Everything that
// can be tested lives in app.ts and below, which the headless host runs too.

const rendererIndex = fileURLToPath(new URL('../renderer/index.html', import.meta.url));
const preloadPath = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
const iconPath = app.isPackaged
  ? join(process.resourcesPath, 'icon.png')
  : join(app.getAppPath(), 'resources', 'icon.png');

let voronka: AppRunner | undefined;
let logFile: LogFile | undefined;
let mainWindow: BrowserWindow | undefined;

/** Links the app opens without asking: Telegram and the documentation of trackers and AI providers. */
async function openExternal(url: string, log: Logger): Promise<void> {
  if (!isAllowedExternal(url)) {
    const { response } = await dialog.showMessageBox({
      type: 'question',
      buttons: ['Open', 'Cancel'],
      defaultId: 1,
      cancelId: 1,
      message: 'Open this link in your browser?',
      detail: url,
    });
    if (response !== 0) return;
  }
  log.info('opening a link in the browser', { host: new URL(url).host });
  await shell.openExternal(url);
}

function createWindow(core: AppRunner, log: Logger): BrowserWindow {
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
      // No DevTools in a packaged build: they would let anyone at the keyboard read sessions via RPC.
      devTools: !app.isPackaged,
      // A middle click must not open a link in a new window (electronegativity AUXCLICK_JS_CHECK).
      disableBlinkFeatures: 'Auxclick',
    },
  });
  win.once('ready-to-show', () => win.show());
  win.webContents.setWindowOpenHandler(({ url }) => {
    // Links to the web open in the user's browser, never inside the app.
    if (url.startsWith('https://')) void openExternal(url, log);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (event) => event.preventDefault());
  win.webContents.on('will-redirect', (event) => event.preventDefault());

  const unsubscribe = core.events.subscribe((event, payload) => {
    if (!win.isDestroyed()) win.webContents.send('rpc:event', event, payload);
  });
  win.on('closed', () => {
    unsubscribe();
    if (mainWindow === win) mainWindow = undefined;
  });
  mainWindow = win;

  if (devServerUrl) void win.loadURL(devServerUrl);
  else void win.loadFile(rendererIndex);
  return win;
}

function installContentSecurityPolicy(): void {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [electronContentSecurityPolicy],
      },
    });
  });
  // The renderer needs no device permission of the web kind; only desktop notifications ("a chat needs
  // a human"), and only for the app's own page — every other permission, and any other page, is refused.
  session.defaultSession.setPermissionRequestHandler((wc, permission, callback) => callback(webPermissionAllowed(permission, wc.getURL(), devServerUrl)));
  session.defaultSession.setPermissionCheckHandler((wc, permission, origin) => webPermissionAllowed(permission, wc?.getURL() ?? origin, devServerUrl));
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
  const dataDir = app.getPath('userData');
  logFile = await openLogFile(dataDir);
  const log = logFile.log.child('electron');
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
    // Electron found no keyring (gnome-keyring / kwallet): "encrypted" secrets would be readable by anyone who copies the folder.
    log.warn('no OS keyring: safeStorage fell back to basic_text');
    void dialog.showMessageBox({
      type: 'warning',
      message: 'No system keyring found',
      detail: 'Voronka could not find GNOME Keyring or KWallet, so the key that encrypts your Telegram sessions is protected only by the data folder\'s file permissions. Install and unlock a keyring (e.g. gnome-keyring) to protect it.',
    });
  }
  const secrets = openSecrets(dataDir, log);
  if (!secrets) return;
  const core = startRunner(dataDir, binding, log, secrets);
  if (!core) return;
  voronka = core;
  installContentSecurityPolicy();
  if (app.isPackaged) Menu.setApplicationMenu(process.platform === 'darwin' ? Menu.buildFromTemplate([{ role: 'appMenu' }, { role: 'editMenu' }, { role: 'windowMenu' }]) : null);
  ipcMain.handle('rpc:call', (event, method: unknown, input: unknown) => {
    if (!isRpcSender(event.senderFrame, devServerUrl)) {
      return { ok: false, error: { code: 'unauthorized', message: 'Unknown sender' } };
    }
    return core.rpc.dispatch(method, input);
  });
  createWindow(core, log);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow(core, log);
  });
}

/**
 * The data key, wrapped by the OS keychain (Keychain / DPAPI / libsecret) when there is one. When
 * the keychain came or went since the last run the user is told and offered the way back: re-wrap
 * with the new keychain, or unlock the missing one and try again. The key file is never replaced
 * by a new key, so no session is silently lost.
 */
function openSecrets(dataDir: string, log: Logger): SecretBox | undefined {
  const language = languageForLocale(app.getLocale());
  const text = keychainTexts(language);
  // basic_text (Linux without a keyring) is a fixed password, not a keychain: the key stays file-only.
  const keychain: KeychainLike = {
    isEncryptionAvailable: () => safeStorage.isEncryptionAvailable() && !(process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text'),
    encryptString: (plain) => safeStorage.encryptString(plain),
    decryptString: (encrypted) => safeStorage.decryptString(encrypted),
  };
  for (;;) {
    try {
      const { box, status } = openSecretBox(dataDir, keychain);
      if (status.migrated) log.info('key file given its format header', { wrapping: status.wrapping });
      if (status.notice === 'keychain-available') {
        log.info('keychain available for a file-only key: asking to re-wrap');
        const choice = dialog.showMessageBoxSync({ type: 'question', buttons: [text.protect, text.notNow], defaultId: 0, cancelId: 1, message: text.availableMessage, detail: text.availableDetail });
        if (choice === 0) {
          try {
            rewrapKeyFile(dataDir, 'keychain', keychain);
            log.info('key re-wrapped with the keychain');
          } catch (rewrapError) {
            // The box is already open with the file-only key, which still works: a failed re-wrap must
            // not stop the app from starting (it would fail the same way on every start).
            log.warn('re-wrapping the key with the keychain failed; keeping the file-only key', { error: rewrapError instanceof Error ? rewrapError.message : String(rewrapError) });
            dialog.showMessageBoxSync({ type: 'warning', message: text.rewrapFailedMessage, detail: text.rewrapFailedDetail });
          }
        }
      }
      return box;
    } catch (error) {
      if (!(error instanceof KeychainUnavailableError)) throw error;
      log.warn('keychain cannot open the key file', { reason: error.detail });
      const choice = dialog.showMessageBoxSync({
        type: 'error',
        buttons: [text.tryAgain, text.quit],
        defaultId: 0,
        cancelId: 1,
        message: text.unavailableMessage,
        detail: keychainUnavailableDetail(language, error.path, error.detail),
      });
      if (choice !== 0) {
        app.exit(1);
        return undefined;
      }
    }
  }
}

/** Starts the app; a damaged database offers the latest backup (the way back) instead of a dead end. */
function startRunner(dataDir: string, binding: string, log: Logger, secrets: SecretBox): AppRunner | undefined {
  const options = {
    dataDir,
    logDir: logFile?.dir,
    log,
    openFolder: async (path: string) => (await shell.openPath(path)) === '',
    host: 'electron' as const,
    version: appVersion,
    defaultLanguage: languageForLocale(app.getLocale()),
    nativeBinding: binding,
    secrets,
  };
  try {
    return runApp(options);
  } catch (error) {
    const latest = listBackups(dataDir)[0];
    if (!(error instanceof DatabaseDamagedError) || !latest) throw error;
    const choice = dialog.showMessageBoxSync({
      type: 'error',
      buttons: [`Restore backup ${latest.name}`, 'Quit'],
      defaultId: 0,
      cancelId: 1,
      message: 'The database is damaged',
      detail: error.message,
    });
    if (choice !== 0) {
      app.exit(1);
      return undefined;
    }
    swapInBackup(dataDir, dbFileName, latest.path, binding);
    return runApp(options);
  }
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
  void core
    .close()
    .then(() => logFile?.close())
    .finally(() => {
      voronka = undefined;
      app.quit();
    });
});

// One instance per data folder: a second start hands over to the first, which comes to the front.
// (The data folder's own lock file, taken in openDataFolder, also covers the headless host.)
if (!app.requestSingleInstanceLock()) app.quit();
else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  });
  start().catch((error: unknown) => {
    dialog.showErrorBox('Voronka could not start', error instanceof Error ? error.message : String(error));
    app.exit(1);
  });
}
