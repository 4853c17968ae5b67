import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { languageForLocale } from '../shared/settings';
import { join, resolve } from 'node:path';
import { dbFileName } from './app';
import { runApp } from './appRunner';
import { listBackups, swapInBackup } from './db/backups';
import { openLogFile } from './logFile';
import { resolveHeadlessDataDir } from './dataDir';
import { startHeadlessServer } from './headlessServer';
import { appVersion } from './version';

/**
 * The app without Electron: the same composition root, the renderer served on 127.0.0.1 and the RPC
 * over a WebSocket. Used by CI, by `npm start` where no Electron binary is installed, and on servers.
 */
/**
 * Ctrl-C / SIGTERM close the server and the db. Handlers go in first thing, so a signal that arrives
 * during start-up is not fatal: it is honoured as soon as there is something to close.
 */
function createShutdown() {
  let requested = false;
  let close: (() => Promise<void>) | undefined;
  const run = (): void => {
    const current = close;
    close = undefined;
    if (current) void current().finally(() => process.exit(0));
  };
  const onSignal = (): void => {
    if (requested) return;
    requested = true;
    if (close) run();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    ready(fn: () => Promise<void>): void {
      close = fn;
      if (requested) run();
    },
  };
}

const shutdown = createShutdown();

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string', default: '0' },
      host: { type: 'string', default: '127.0.0.1' },
      'tracker-port': { type: 'string' },
      'sandbox-telegram': { type: 'boolean', default: false },
      'restore-backup': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(
      'Usage: npm run headless -- [--data-dir DIR] [--port PORT] [--host 127.0.0.1] [--tracker-port PORT] [--sandbox-telegram]\n' +
        'Data folder: --data-dir, else $VORONKA_DATA_DIR, else ~/.voronka. PORT 0 picks a free port.\n' +
        '--tracker-port pins the postback listener port (otherwise the one set in Tracker settings, 47800 by default).\n' +
        '--sandbox-telegram runs against a local Telegram server with simulated users instead of the real Telegram.\n' +
        '--restore-backup FILE|latest puts a backup (from DATA/backups) in place of the database before starting; the replaced file is kept as voronka.db.before-restore.\n' +
        'Logs: DATA/logs (rotated daily and at 10 MB).\n',
    );
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be a number from 0 to 65535, got "${values.port}"`);
  }

  const trackerPort = values['tracker-port'] === undefined ? undefined : Number(values['tracker-port']);
  if (trackerPort !== undefined && (!Number.isInteger(trackerPort) || trackerPort < 0 || trackerPort > 65535)) {
    throw new Error(`--tracker-port must be a number from 0 to 65535, got "${values['tracker-port']}"`);
  }
  const dataDir = resolveHeadlessDataDir(values['data-dir']);
  const logFile = await openLogFile(dataDir, { level: process.env.VORONKA_LOG_LEVEL === 'debug' ? 'debug' : 'info', stderr: true });
  const log = logFile.log.child('headless');
  if (values['restore-backup']) restoreBeforeStart(dataDir, values['restore-backup']);
  // Loaded only with the flag: the local Telegram server stays out of normal starts.
  const sandbox = values['sandbox-telegram'] ? await (await import('./sandbox/sandboxTelegram')).startSandboxTelegram(log.child('sandbox')) : undefined;
  const runner = runApp({
    dataDir,
    logDir: logFile.dir,
    host: 'headless',
    version: appVersion,
    defaultLanguage: languageForLocale(process.env.LC_ALL || process.env.LANG || Intl.DateTimeFormat().resolvedOptions().locale),
    log,
    ...(trackerPort !== undefined ? { tracker: { port: trackerPort } } : {}),
    ...(sandbox ? { telegramClientOptions: sandbox.clientOptions, sandbox: sandbox.app } : {}),
  });
  const closeAll = async (): Promise<void> => {
    await runner.close();
    await sandbox?.stop();
    await logFile.close();
  };
  const sandboxAccount = await sandbox?.attach(runner.app).catch(async (error: unknown) => {
    await closeAll();
    throw error;
  });
  const server = await startHeadlessServer({
    app: { rpc: runner.rpc, events: runner.events, log },
    rendererDir: fileURLToPath(new URL('../renderer', import.meta.url)),
    host: values.host,
    port,
  }).catch(async (error: unknown) => {
    await closeAll();
    throw error;
  });
  if (values.host !== '127.0.0.1' && values.host !== 'localhost') {
    log.warn('listening beyond this machine: anyone who has the URL with its token can operate Voronka', {
      host: values.host,
    });
  }
  process.stdout.write(`Voronka running at ${server.url}\n`);
  if (sandbox && sandboxAccount) {
    process.stdout.write(
      `Sandbox mode: a local test Telegram on 127.0.0.1:${sandbox.port}, not the real one (account ${sandboxAccount.accountId}); ` +
        'simulated users write through the sandbox.userWrites / sandbox.userSendsPhoto RPC\n',
    );
  }

  shutdown.ready(async () => {
    log.info('stopping');
    await server.close();
    await closeAll();
  });
}

/** `--restore-backup`: the way back when the database is damaged and the app cannot start. */
function restoreBeforeStart(dataDir: string, which: string): void {
  const backup = which === 'latest' ? listBackups(dataDir)[0]?.path : resolve(which);
  if (!backup) throw new Error(`There is no backup in ${join(dataDir, 'backups')}`);
  swapInBackup(dataDir, dbFileName, backup);
  process.stdout.write(`Restored ${backup}; the replaced database is kept as ${join(dataDir, dbFileName)}.before-restore\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`Voronka could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
