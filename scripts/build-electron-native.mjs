// Builds better-sqlite3 for Electron's ABI into .electron-native/, leaving node_modules with Node's
// build so tests and the headless host keep working. The Electron host loads it via `nativeBinding`;
// electron-builder ships it as resources/native/better_sqlite3.node (see electron.builder.yml).
// Needs the internet once (Electron headers or a prebuilt binary); run on each target OS.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;
const source = join(root, 'node_modules', 'better-sqlite3');
const work = join(root, '.electron-native', 'build');
const target = join(root, '.electron-native', 'better_sqlite3.node');

rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
cpSync(source, work, { recursive: true, filter: (p) => !p.includes(`${join('build', '')}`) });

const env = { ...process.env, npm_config_runtime: 'electron', npm_config_target: electronVersion, npm_config_disturl: 'https://electronjs.org/headers' };
const run = (cmd, args) => spawnSync(cmd, args, { cwd: work, stdio: 'inherit', env, shell: process.platform === 'win32' });

const prebuild = join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'prebuild-install.cmd' : 'prebuild-install');
let ok = existsSync(prebuild) && run(prebuild, ['--runtime', 'electron', '--target', electronVersion]).status === 0;
if (!ok) {
  const nodeGyp = require.resolve('node-gyp/bin/node-gyp.js', { paths: [root, join(process.execPath, '../../lib/node_modules/npm')] });
  ok = run(process.execPath, [nodeGyp, 'rebuild', '--release', `--target=${electronVersion}`, '--dist-url=https://electronjs.org/headers']).status === 0;
}
if (!ok) {
  process.stderr.write(`Could not build better-sqlite3 for Electron ${electronVersion}: no prebuilt binary and no compiler/headers.\n`);
  process.exit(1);
}
cpSync(join(work, 'build', 'Release', 'better_sqlite3.node'), target);
rmSync(work, { recursive: true, force: true });
process.stdout.write(`better-sqlite3 for Electron ${electronVersion}: ${target}\n`);
