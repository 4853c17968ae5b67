import { linkSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

export const lockFileName = 'voronka.lock';

interface LockOwner {
  pid: number;
  host: string;
  startedAt: string;
}

/** Another live Voronka holds the data folder. */
export class DataFolderInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: LockOwner,
  ) {
    super(
      `Another Voronka (process ${owner.pid}, started ${owner.startedAt}) is already using the data folder ${dataDir}. ` +
        'Two copies on one folder would log in twice with the same Telegram keys and send from one outbox twice. ' +
        'Close the other one first, or start this one with another data folder (--data-dir).',
    );
  }
}

export interface InstanceLock {
  release(): void;
}

/**
 * One Voronka per data folder: an exclusively created lock file holding the owner's pid. Taken before
 * the database is opened, in both hosts. A lock whose process is gone (a crash, a kill -9, a reboot)
 * is stale and taken over; on another machine (a shared folder) the pid cannot be checked, so the
 * lock is respected.
 */
export function acquireInstanceLock(dataDir: string): InstanceLock {
  const path = join(dataDir, lockFileName);
  const me: LockOwner = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
  // Written whole under a private name, then hard-linked into place: the link is atomic and fails if
  // the lock exists, so nobody ever reads a half-written lock.
  const draft = `${path}.${process.pid}.tmp`;
  writeFileSync(draft, JSON.stringify(me), { mode: 0o600 });
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        linkSync(draft, path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const owner = readOwner(path);
        if (owner && !isStale(owner)) throw new DataFolderInUseError(dataDir, owner);
        // Stale (a crash, a kill -9, a reboot) or unreadable: take it over. If two starters race
        // here, the atomic link lets exactly one of them win.
        rmSync(path, { force: true });
        continue;
      }
      return {
        release() {
          // Only our own lock: never remove one a later owner took over.
          const owner = readOwner(path);
          if (owner?.pid === me.pid && owner.startedAt === me.startedAt) rmSync(path, { force: true });
        },
      };
    }
  } finally {
    rmSync(draft, { force: true });
  }
  throw new Error(`Could not take the lock ${path}`);
}

function readOwner(path: string): LockOwner | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockOwner>;
    if (typeof parsed.pid !== 'number' || typeof parsed.host !== 'string') return undefined;
    return { pid: parsed.pid, host: parsed.host, startedAt: String(parsed.startedAt ?? '') };
  } catch {
    return undefined;
  }
}

function isStale(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return false;
  if (owner.pid === process.pid) return false;
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else — alive.
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
