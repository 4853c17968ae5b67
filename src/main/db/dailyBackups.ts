import type { Logger } from '../log';
import { createBackup, listBackups } from './backups';
import type { Db } from './connection';

const dayMs = 24 * 60 * 60 * 1000;
const checkEveryMs = 60 * 60 * 1000;

/**
 * A daily online backup: at start and then hourly, one is made when the newest daily backup is a day
 * old (so a laptop that sleeps through midnight still gets one). One app-wide timer, not per lead.
 */
export function scheduleDailyBackups(db: Db, dataDir: string, log: Logger, now: () => number = Date.now): { stop(): void; idle(): Promise<void> } {
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const tick = (): void => {
    const newest = listBackups(dataDir).find((b) => b.reason === 'daily');
    if (stopped || (newest && now() - newest.createdAt < dayMs)) return;
    running = createBackup(db, dataDir, 'daily', now()).then(
      (b) => log.info('daily backup made', { file: b.name, bytes: b.bytes }),
      (error: unknown) => log.error('daily backup failed', { error }),
    );
  };
  // Deferred a little so start-up work (catch-up, recovery) goes first.
  const first = setTimeout(tick, 30_000);
  const timer = setInterval(tick, checkEveryMs);
  first.unref();
  timer.unref();
  return {
    stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(timer);
    },
    idle: () => running,
  };
}
