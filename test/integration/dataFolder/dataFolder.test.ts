import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, openSync, readdirSync, readFileSync, statSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type AppOptions, type VoronkaApp } from '../../../src/main/app';
import { runApp, type AppRunner } from '../../../src/main/appRunner';
import { DataFolderInUseError, lockFileName } from '../../../src/main/dataFolder/instanceLock';
import { listBackups } from '../../../src/main/db/backups';
import { openDatabase } from '../../../src/main/db/connection';
import { DatabaseDamagedError } from '../../../src/main/db/damage';
import { migrate } from '../../../src/main/db/migrate';
import { migrations } from '../../../src/main/db/migrations';
import { createLogger } from '../../../src/main/log';
import { openLogFile } from '../../../src/main/logFile';
import type { RpcResult } from '../../../src/shared/rpc';
import { tempDir } from '../../support/tempDb';

const quiet = createLogger('test', { sink: () => {} });
const options = (dataDir: string): AppOptions => ({ dataDir, host: 'headless', version: 't', defaultLanguage: 'en', log: quiet, tracker: { port: 0 } });
let open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const a of open.reverse()) await a.close();
  open = [];
});
function started(dataDir: string): VoronkaApp {
  const app = createApp(options(dataDir));
  open.push(app);
  return app;
}
const mode = (path: string) => statSync(path).mode & 0o777;
const value = <T>(result: RpcResult<unknown>): T => {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
};

describe('one instance per data folder', () => {
  it('refuses a second app on the same folder with a clear message, and frees the folder on close', async () => {
    const dataDir = tempDir();
    const first = started(dataDir);
    expect(() => createApp(options(dataDir))).toThrow(DataFolderInUseError);
    expect(() => createApp(options(dataDir))).toThrow(/Another Voronka \(process \d+, .*\) is already using the data folder .*Close the other one first/);
    await first.close();
    open = [];
    started(dataDir);
  });

  it('takes over a stale lock left by a process that no longer exists', () => {
    const dataDir = tempDir();
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    writeFileSync(join(dataDir, lockFileName), JSON.stringify({ pid: Number(gone), host: hostname(), startedAt: 'yesterday' }));
    started(dataDir);
    expect(JSON.parse(readFileSync(join(dataDir, lockFileName), 'utf8')).pid).toBe(process.pid);
  });
});

describe('data folder permissions', () => {
  it.skipIf(process.platform === 'win32')('makes the folder 0700 and the database and key files 0600, also when they existed', async () => {
    const dataDir = tempDir();
    chmodSync(dataDir, 0o755);
    const db = openDatabase(join(dataDir, 'voronka.db'));
    migrate(db);
    db.close();
    chmodSync(join(dataDir, 'voronka.db'), 0o644);
    writeFileSync(join(dataDir, 'secret.key'), Buffer.alloc(32, 1), { mode: 0o644 });
    const app = started(dataDir);
    await app.close();
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(join(dataDir, 'voronka.db'))).toBe(0o600);
    expect(mode(join(dataDir, 'secret.key'))).toBe(0o600);
  });
});

describe('a damaged database', () => {
  async function damage(dataDir: string): Promise<void> {
    const app = createApp(options(dataDir));
    // Enough rows for several pages, then garbage over the middle of the file.
    for (let i = 0; i < 200; i++) app.db.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, 0)').run(`k${i}`, JSON.stringify('x'.repeat(200)));
    await app.close();
    const path = join(dataDir, 'voronka.db');
    const size = statSync(path).size;
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(8192, 0xa5), 0, 8192, Math.floor(size / 2 / 4096) * 4096);
    closeSync(fd);
  }

  it('stops start-up with a clear message naming the latest backup and how to restore it', async () => {
    const dataDir = tempDir();
    // A backup exists (made while the database was healthy).
    const healthy = runApp(options(dataDir));
    const backup = value<{ name: string }>(await healthy.rpc.dispatch('maintenance.backupNow', {}));
    await healthy.close();
    await damage(dataDir);
    let thrown: unknown;
    try {
      createApp(options(dataDir));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DatabaseDamagedError);
    expect(String((thrown as Error).message)).toContain('is damaged');
    expect(String((thrown as Error).message)).toContain(backup.name);
    expect(String((thrown as Error).message)).toContain('--restore-backup latest');
    // The lock was released: after the restore the folder opens.
    expect(existsSync(join(dataDir, lockFileName))).toBe(false);
  });
});

describe('backups', () => {
  it('backs up while running and restores the backup while running: checked, engine stopped, swapped, started again', async () => {
    const dataDir = tempDir();
    const runner: AppRunner = runApp(options(dataDir));
    open.push(runner);
    const events: string[] = [];
    runner.events.subscribe((event) => events.push(event));
    value(await runner.rpc.dispatch('scripts.create', { name: 'Before the backup' }));
    const backup = value<{ name: string; reason: string }>(await runner.rpc.dispatch('maintenance.backupNow', {}));
    expect(backup.reason).toBe('manual');
    value(await runner.rpc.dispatch('scripts.create', { name: 'After the backup' }));
    const names = async () => value<{ name: string }[]>(await runner.rpc.dispatch('scripts.list', {})).map((s) => s.name).sort();
    expect(await names()).toEqual(['After the backup', 'Before the backup']);
    const oldApp = runner.app;

    // A file that is not a database is refused and nothing stops.
    writeFileSync(join(dataDir, 'backups', 'voronka-20200101-000000-000-manual.db'), 'not a database');
    const bad = await runner.rpc.dispatch('maintenance.restore', { name: 'voronka-20200101-000000-000-manual.db' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(runner.app).toBe(oldApp);

    // A lead's committed-turn count (its outbound calls' idempotency keys are made from it).
    runner.app.db.prepare("INSERT INTO accounts (id, kind, status, created_at, updated_at) VALUES (99, 'telegram', 'offline', 0, 0)").run();
    runner.app.db.prepare("INSERT INTO leads (account_id, peer_id, state_version, created_at, updated_at) VALUES (99, 'p1', 5, 0, 0)").run();
    const withLead = value<{ name: string }>(await runner.rpc.dispatch('maintenance.backupNow', {}));
    runner.app.db.prepare("UPDATE leads SET state_version = 9 WHERE peer_id = 'p1'").run();
    expect(value(await runner.rpc.dispatch('maintenance.restore', { name: withLead.name }))).toEqual({ restored: withLead.name });
    // Restored, the lead does not count turns 6–9 again: the keys sent after the backup are not reused.
    const version = runner.app.db.prepare("SELECT state_version FROM leads WHERE peer_id = 'p1'").pluck().get() as number;
    expect(version).toBeGreaterThanOrEqual(5 + 1_000_000);

    expect(value(await runner.rpc.dispatch('maintenance.restore', { name: backup.name }))).toEqual({ restored: backup.name });
    expect(runner.app).not.toBe(oldApp);
    expect(await names()).toEqual(['Before the backup']);
    expect(events).toContain('maintenance.restored');
    expect(existsSync(join(dataDir, 'voronka.db.before-restore'))).toBe(true);
    const info = value<{ backups: { name: string }[] }>(await runner.rpc.dispatch('maintenance.info', {}));
    expect(info.backups.map((b) => b.name)).toContain(backup.name);
  });

  it('makes a backup before migrating an existing database', async () => {
    const dataDir = tempDir();
    const db = openDatabase(join(dataDir, 'voronka.db'));
    migrate(db, migrations.slice(0, migrations.length - 1));
    db.close();
    started(dataDir);
    expect(listBackups(dataDir).map((b) => b.reason)).toEqual(['pre-migration']);
  });
});

describe('log file', () => {
  it('writes JSON lines with secrets redacted, and rotates by size keeping a bounded number of files', async () => {
    const dataDir = tempDir();
    const file = await openLogFile(dataDir, { size: '1k', keep: 2 });
    for (let i = 0; i < 60; i++) {
      file.log.child('telegram').info('signed in', { i, apiKey: 'sk-SECRET', nested: { session: '1BQSESSION' }, pad: 'x'.repeat(100) });
      // Paced like real logging: pino-roll rotates once the file's write has drained.
      await new Promise((r) => setTimeout(r, 5));
    }
    await file.close();
    const files = readdirSync(join(dataDir, 'logs')).filter((f) => f.endsWith('.log'));
    expect(files.length).toBeGreaterThanOrEqual(2);
    expect(files.length).toBeLessThanOrEqual(3);
    const text = files.map((f) => readFileSync(join(dataDir, 'logs', f), 'utf8')).join('');
    expect(text).not.toMatch(/sk-SECRET|1BQSESSION/);
    const line = JSON.parse(text.trim().split('\n').at(-1) ?? '{}');
    expect(line).toMatchObject({ msg: 'signed in', sub: 'app.telegram', apiKey: '[redacted]', nested: { session: '[redacted]' } });
  });
});
