import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The data folder holds sessions that are as good as a logged-in phone: only its owner may enter it
 * (0700) and read its files (0600) — also when the folder or the files existed before, created by an
 * older version or by hand with a looser umask. Windows has no such modes; its per-user profile
 * folder already restricts access.
 */
export function secureDataFolder(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (process.platform !== 'win32') chmodSync(dataDir, 0o700);
}

export function secureFiles(dataDir: string, names: readonly string[]): void {
  if (process.platform === 'win32') return;
  for (const name of names) {
    const path = join(dataDir, name);
    if (existsSync(path)) chmodSync(path, 0o600);
  }
}
