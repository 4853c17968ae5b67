import { spawn } from 'node:child_process';

export type SeedKind = 'inbox' | 'ab' | 'demo' | 'bulk';

/** Runs `seedCli.ts` on a data folder in a child process (tsx) and resolves when it has closed the db. */
export function runSeed(kind: SeedKind, dataDir: string, args: string[] = []): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/seedCli.ts', kind, dataDir, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`seeding "${kind}" exited with ${code}:\n${out}`))));
  });
}
