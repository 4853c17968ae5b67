import { createApp, dbFileName, type AppOptions, type VoronkaApp } from './app';
import { swapInBackup } from './db/backups';
import { createEventBus, type EventBus } from './rpc/eventBus';
import type { RpcRouter } from './rpc/router';

/** What a host talks to: stable across a restore, while the app behind it is replaced. */
export interface AppRunner {
  readonly rpc: RpcRouter;
  readonly events: EventBus;
  /** The app running now (a restore replaces it). */
  readonly app: VoronkaApp;
  close(): Promise<void>;
}

/**
 * Runs the app for a host and restarts it for a restore: the checked backup is swapped in while
 * nothing has the database open (engine stopped, db closed, lock released), then the app starts
 * again on it. The RPC entry point and the event bus stay the same, so connected windows keep
 * working and are told to reload (`maintenance.restored`).
 */
export function runApp(options: Omit<AppOptions, 'events' | 'restore'>): AppRunner {
  const events = createEventBus();
  let current: VoronkaApp;
  let closed = false;
  const start = (): VoronkaApp => createApp({ ...options, events, restore });
  async function restore(backupPath: string): Promise<void> {
    const name = backupPath.split(/[\\/]/).pop() ?? backupPath;
    current.log.info('restoring a backup', { file: name });
    await current.close();
    try {
      swapInBackup(options.dataDir, dbFileName, backupPath, options.nativeBinding);
    } finally {
      // Started again either way: on the restored file, or (the swap failed) on the old one.
      if (!closed) current = start();
    }
    current.log.info('backup restored', { file: name });
    events.emit('maintenance.restored', { name });
  }
  current = start();
  return {
    rpc: { dispatch: (method, input) => current.rpc.dispatch(method, input) },
    events,
    get app() {
      return current;
    },
    async close() {
      closed = true;
      await current.close();
    },
  };
}
