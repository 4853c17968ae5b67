import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Where scripts/build-electron-native.mjs puts better-sqlite3 built for Electron's ABI. */
const electronNativeRelPath = join('native', 'better_sqlite3.node');

/**
 * Finds the Electron build of better-sqlite3: inside the packaged app's resources, or in
 * `.electron-native/` of the project when run from source. node_modules keeps Node's build,
 * so tests and the headless host are never affected by the Electron one.
 */
export function findElectronSqliteBinding(resourcesPath: string, appPath: string): string | undefined {
  const candidates = [join(resourcesPath, electronNativeRelPath), join(appPath, '.electron-native', 'better_sqlite3.node')];
  return candidates.find((path) => existsSync(path));
}
