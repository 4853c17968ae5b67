import WebSocket from 'ws';
import { closeSync, openSync, writeSync } from 'node:fs';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/db/connection';
import { migrations } from '../../src/main/db/migrations';
import { startHeadless } from '../support/headlessProcess';

// Runs the built host as a user would (`npm run build` comes first in `npm test`).
beforeAll(() => {
  if (!existsSync('out/main/headless.js')) throw new Error('Build first: npm run build');
});

describe('headless host process', { timeout: 600_000 }, () => {
  it('prints one URL line, serves the app, and on SIGTERM closes the db cleanly', async () => {
    const host = await startHeadless();
    const page = await fetch(host.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    expect(host.output().match(/Voronka running at/g)).toHaveLength(1);

    expect(await host.stop()).toBe(0);
    // A clean close checkpoints the WAL into the main file.
    const dbPath = join(host.dataDir, 'voronka.db');
    expect(existsSync(`${dbPath}-wal`)).toBe(false);
    const db = openDatabase(dbPath);
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    db.close();
  });

  it('keeps its data across restarts in the same folder', async () => {
    const first = await startHeadless();
    await first.stop();
    const second = await startHeadless({ dataDir: first.dataDir });
    expect(second.output()).not.toContain('database migrated');
    expect(await second.stop()).toBe(0);
  });

  it('refuses a data folder written by a newer Voronka, with a clear one-line reason', async () => {
    const first = await startHeadless();
    await first.stop();
    const db = openDatabase(join(first.dataDir, 'voronka.db'));
    db.pragma('user_version = 999');
    db.close();
    await expect(startHeadless({ dataDir: first.dataDir })).rejects.toThrow(/newer than this Voronka supports/);
  });

  it('rejects a bad --port value', async () => {
    await expect(startHeadless({ args: ['--port', 'abc'] })).rejects.toThrow(/--port must be a number/);
  });
});

describe('headless host process: one per data folder', { timeout: 600_000 }, () => {
  it('a second host on the same folder exits with a clear message while the first keeps serving', async () => {
    const first = await startHeadless();
    await expect(startHeadless({ dataDir: first.dataDir })).rejects.toThrow(/exited with 1[\s\S]*Another Voronka \(process \d+.*already using the data folder/);
    expect((await fetch(first.url)).status).toBe(200);
    expect(await first.stop()).toBe(0);
    // Stopped cleanly: the folder is free again.
    const again = await startHeadless({ dataDir: first.dataDir });
    expect(await again.stop()).toBe(0);
  });

  it('a damaged database stops start-up with the way back, and --restore-backup latest brings the data back', async () => {
    const first = await startHeadless();
    const ws = await rpcSocket(first.url);
    const backup = await ws.call('maintenance.backupNow', {});
    ws.close();
    expect(await first.stop()).toBe(0);
    const path = join(first.dataDir, 'voronka.db');
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(4096, 0xa5), 0, 4096, 0);
    closeSync(fd);
    await expect(startHeadless({ dataDir: first.dataDir })).rejects.toThrow(new RegExp(`is damaged[\\s\\S]*${(backup as { name: string }).name}[\\s\\S]*--restore-backup latest`));
    const restored = await startHeadless({ dataDir: first.dataDir, args: ['--restore-backup', 'latest'] });
    expect(restored.output()).toMatch(/Restored .*voronka-.*-manual\.db/);
    expect(await restored.stop()).toBe(0);
  });
});

/** A minimal RPC client over the host's WebSocket, as the renderer connects. */
async function rpcSocket(pageUrl: string): Promise<{ call(method: string, input: unknown): Promise<unknown>; close(): void }> {
  const url = new URL(pageUrl);
  const ws = new WebSocket(`ws://${url.host}/rpc?token=${url.searchParams.get('token') ?? ''}`, { origin: `http://${url.host}` });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  let next = 1;
  return {
    call: (method, input) =>
      new Promise((resolve, reject) => {
        const id = next++;
        ws.on('message', (data) => {
          const message = JSON.parse(String(data)) as { kind: string; id?: number; result?: { ok: boolean; value?: unknown; error?: unknown } };
          if (message.kind !== 'result' || message.id !== id) return;
          if (message.result?.ok) resolve(message.result.value);
          else reject(new Error(JSON.stringify(message.result?.error)));
        });
        ws.send(JSON.stringify({ id, method, input }));
      }),
    close: () => ws.close(),
  };
}
