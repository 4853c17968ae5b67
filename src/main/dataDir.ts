import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Where the headless host keeps its data: `--data-dir`, else `VORONKA_DATA_DIR`, else `~/.voronka`.
 * (The desktop app uses Electron's per-user `userData` folder instead.)
 */
export function resolveHeadlessDataDir(
  flag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  if (flag) return resolve(flag);
  if (env.VORONKA_DATA_DIR) return resolve(env.VORONKA_DATA_DIR);
  return join(home, '.voronka');
}
