import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Runs a benchmark entry the way the app ships its code: our modules bundled into one file
 * (electron-vite bundles the hosts the same way), packages left as imports. Under tsx every module
 * is transformed on its own with `keepNames` wrappers, which cost the engine's turn ~8 % more CPU
 * than the bundle in an A/B here (89–98 vs 97–111 µs a turn, alternating runs): a figure about tsx,
 * not about the engine. The bundle lives under node_modules so its imports resolve as the app's do.
 */
export async function runBundled(entry: string): Promise<void> {
  const outfile = join(root, 'node_modules/.cache/voronka-bench', `${entry.replace(/\W+/g, '-')}.mjs`);
  mkdirSync(dirname(outfile), { recursive: true });
  await build({ entryPoints: [join(root, entry)], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', sourcemap: 'inline', logLevel: 'warning' });
  const run = spawnSync(process.execPath, ['--expose-gc', '--enable-source-maps', outfile], { stdio: 'inherit', cwd: root });
  if (run.status !== 0) throw new Error(`${entry} exited with ${run.status ?? run.signal}`);
}
