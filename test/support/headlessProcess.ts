import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunningHeadless {
  url: string;
  dataDir: string;
  process: ChildProcess;
  /** Sends SIGTERM and resolves with the exit code once the process has closed its db. */
  stop(): Promise<number | null>;
  output(): string;
}

/**
 * Starts the built headless host (`out/main/headless.js`) and waits for its URL line — for as long as
 * the process is alive: start-up speed is not what these tests check (a loaded machine can take
 * minutes), and a process that hangs is caught by the test's own timeout.
 */
export async function startHeadless(options: { dataDir?: string; args?: string[] } = {}): Promise<RunningHeadless> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'voronka-e2e-'));
  const child = spawn(process.execPath, ['out/main/headless.js', '--data-dir', dataDir, '--port', '0', '--tracker-port', '0', ...(options.args ?? [])], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

  const url = await new Promise<string>((resolve, reject) => {
    const check = (): void => {
      const match = /^Voronka running at (http:\/\/127\.0\.0\.1:\d+\/\S*)$/m.exec(out);
      if (match?.[1]) resolve(match[1]);
    };
    child.stdout.on('data', check);
    void exited.then((code) => reject(new Error(`headless exited with ${code}:\n${out}`)));
  });

  return {
    url,
    dataDir,
    process: child,
    output: () => out,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
