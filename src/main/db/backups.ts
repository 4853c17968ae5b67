import { randomInt } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
import { englishText, msg, type AppMessage } from '../../shared/appMessage';
import type { Db } from './connection';
import { migrations } from './migrations';

export const backupsFolderName = 'backups';
export type BackupReason = 'daily' | 'manual' | 'pre-migration';

export interface BackupInfo {
  name: string;
  path: string;
  reason: BackupReason;
  createdAt: number;
  bytes: number;
}

/** How many backups of each kind are kept (the oldest go first). */
export const keepPerReason = 7;
const namePattern = /^voronka-(\d{8}-\d{6}-\d{3})-(daily|manual|pre-migration)\.db$/;

export function backupsDir(dataDir: string): string {
  return join(dataDir, backupsFolderName);
}

function newBackupPath(dataDir: string, reason: BackupReason, now: number): string {
  const dir = backupsDir(dataDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stamp = new Date(now).toISOString().replace(/[-:]/g, '').replace('T', '-').replace('.', '-').slice(0, 19);
  return join(dir, `voronka-${stamp}-${reason}.db`);
}

/**
 * An online backup while the app runs (better-sqlite3's `backup()`: page by page, writers keep
 * going). Written under a temporary name and renamed, so a half-made file never looks like a backup.
 */
export async function createBackup(db: Db, dataDir: string, reason: BackupReason, now = Date.now()): Promise<BackupInfo> {
  const path = newBackupPath(dataDir, reason, now);
  await db.backup(`${path}.partial`);
  return finish(dataDir, path, reason);
}

/** Synchronous copy for start-up, before migrations change the schema (`VACUUM INTO` is consistent and compact). */
export function createBackupSync(db: Db, dataDir: string, reason: BackupReason, now = Date.now()): BackupInfo {
  const path = newBackupPath(dataDir, reason, now);
  db.prepare('VACUUM INTO ?').run(`${path}.partial`);
  return finish(dataDir, path, reason);
}

function finish(dataDir: string, path: string, reason: BackupReason): BackupInfo {
  if (process.platform !== 'win32') chmodSync(`${path}.partial`, 0o600);
  renameSync(`${path}.partial`, path);
  prune(dataDir, reason);
  const info = listBackups(dataDir).find((b) => b.path === path);
  if (!info) throw new Error(`The backup ${path} vanished`);
  return info;
}

function prune(dataDir: string, reason: BackupReason): void {
  for (const old of listBackups(dataDir).filter((b) => b.reason === reason).slice(keepPerReason)) rmSync(old.path, { force: true });
}

/** Backups, newest first. */
export function listBackups(dataDir: string): BackupInfo[] {
  const dir = backupsDir(dataDir);
  if (!existsSync(dir)) return [];
  const found: BackupInfo[] = [];
  for (const name of readdirSync(dir)) {
    const match = namePattern.exec(name);
    if (!match) continue;
    const path = join(dir, name);
    const stat = statSync(path);
    found.push({ name, path, reason: match[2] as BackupReason, createdAt: stat.mtimeMs, bytes: stat.size });
  }
  return found.sort((a, b) => b.name.slice(8, 27).localeCompare(a.name.slice(8, 27)) || b.createdAt - a.createdAt);
}

/** A file that cannot replace the database; `detail` says why in the UI language, `message` in English. */
export class BadBackupError extends Error {
  constructor(readonly detail: AppMessage) {
    super(englishText(detail));
    this.name = 'BadBackupError';
  }
}

/**
 * Whether a file can replace the database: it opens as SQLite, passes `quick_check`, is a Voronka
 * database (has its tables) and is not newer than this version.
 */
export function checkBackupFile(path: string, nativeBinding?: string): { schemaVersion: number } {
  if (!existsSync(path)) throw new BadBackupError(msg('backupFileMissing', { file: basename(path) }));
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new BadBackupError(msg('backupDamaged', { file: basename(path), check: String(check) }));
    const hasScripts = db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'scripts'").pluck().get();
    if (!hasScripts) throw new BadBackupError(msg('backupNotVoronka', { file: basename(path) }));
    const schemaVersion = Number(db.pragma('user_version', { simple: true }));
    if (schemaVersion > migrations.length) throw new BadBackupError(msg('backupNewer', { file: basename(path), schema: schemaVersion }));
    return { schemaVersion };
  } catch (error) {
    if (error instanceof BadBackupError) throw error;
    throw new BadBackupError(msg('backupUnreadable', { file: basename(path), detail: error instanceof Error ? error.message : String(error) }));
  } finally {
    db?.close();
  }
}

/**
 * Puts a checked backup in place of the database file. The database must be closed. The current
 * file is kept beside it (`voronka.db.before-restore`) so a restore can itself be undone.
 */
export function swapInBackup(dataDir: string, dbFile: string, backupPath: string, nativeBinding?: string): void {
  checkBackupFile(backupPath, nativeBinding);
  const dbPath = join(dataDir, dbFile);
  const staged = `${dbPath}.restoring`;
  copyFileSync(backupPath, staged);
  if (process.platform !== 'win32') chmodSync(staged, 0o600);
  moveTurnCountsOn(staged, nativeBinding);
  if (existsSync(dbPath)) renameSync(dbPath, `${dbPath}.before-restore`);
  // The old WAL belongs to the old file; applied to the restored one it would corrupt it.
  for (const suffix of ['-wal', '-shm']) rmSync(`${dbPath}${suffix}`, { force: true });
  renameSync(staged, dbPath);
}

/**
 * Outbound calls' idempotency keys are made from each lead's committed-turn count (`state_version`,
 * see TurnDraft.outboundKey). A restored backup would count those turns again and send keys the
 * receivers already saw for other calls, which they would drop; every lead's count jumps by one
 * random amount instead (restoring the same backup twice draws two different jumps).
 */
function moveTurnCountsOn(path: string, nativeBinding?: string): void {
  const db = new Database(path, { fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    db.prepare('UPDATE leads SET state_version = state_version + ?').run(randomInt(1_000_000, 1_000_000_000));
  } finally {
    db.close();
  }
}
