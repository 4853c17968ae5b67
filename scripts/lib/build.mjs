import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const outputs = ['out/main/index.js', 'out/main/headless.js', 'out/main/cli.js', 'out/preload/index.cjs', 'out/renderer/index.html'];

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Runs `electron-vite build` unless every output exists and is newer than src/ and resources/. */
export async function ensureBuilt({ quiet = false } = {}) {
  const built = outputs.map((o) => join(root, o));
  const fresh =
    built.every((o) => existsSync(o)) &&
    Math.min(...built.map((o) => statSync(o).mtimeMs)) >
      Math.max(newestMtime(join(root, 'src')), newestMtime(join(root, 'resources')));
  if (fresh) return;
  if (!quiet) process.stderr.write('Building Voronka…\n');
  const result = spawnSync('npx', ['electron-vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: ['ignore', quiet ? 'ignore' : 'inherit', 'inherit'] });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** Runs a built entry with Node, forwarding signals so Ctrl-C closes the db cleanly. */
export function runNode(entry, args) {
  const child = spawn(process.execPath, [join(root, entry), ...args], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

export { root };
