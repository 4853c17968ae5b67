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
