// `npm start`: the desktop app. Where no Electron binary is installed (as on CI machines, where it
// cannot be downloaded), says so in one line and starts the headless host instead.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuilt, root, runNode } from './lib/build.mjs';

/** The Electron executable if installed. Never require('electron'): it would try to download it. */
function electronBinary() {
  const dir = join(root, 'node_modules', 'electron');
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = join(process.env.ELECTRON_OVERRIDE_DIST_PATH || join(dir, 'dist'), readFileSync(pathFile, 'utf8'));
  return existsSync(binary) ? binary : undefined;
}

await ensureBuilt();
const binary = electronBinary();
if (!binary) {
  process.stderr.write(
    'No Electron binary is installed (run "npx install-electron" where the internet is reachable); starting the headless host instead.\n',
  );
  runNode('out/main/headless.js', process.argv.slice(2));
} else {
  if (!existsSync(join(root, '.electron-native', 'better_sqlite3.node'))) {
    process.stderr.write('Building better-sqlite3 for Electron (once)…\n');
    const { spawnSync } = await import('node:child_process');
    const r = spawnSync(process.execPath, [join(root, 'scripts', 'build-electron-native.mjs')], { stdio: 'inherit' });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
  const child = spawn(binary, [root, ...process.argv.slice(2)], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}
