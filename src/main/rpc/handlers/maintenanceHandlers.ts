import { msg } from '../../../shared/appMessage';
import { join } from 'node:path';
import { AppFailure } from '../../appFailure';
import { BadBackupError, backupsDir, checkBackupFile, createBackup, listBackups, type BackupInfo } from '../../db/backups';
import type { Db } from '../../db/connection';
import type { RpcHandlers } from '../router';

type MaintenanceMethod = 'maintenance.info' | 'maintenance.backupNow' | 'maintenance.restore' | 'maintenance.openFolder';

export interface MaintenanceDeps {
  db: Db;
  dataDir: string;
  logDir: string;
  /** Stops the app, swaps the database for this checked backup and starts again (the host's runner). */
  restore?: (backupPath: string) => Promise<void>;
  /** Opens a folder in the file manager (desktop only). */
  openFolder?: (path: string) => Promise<boolean>;
}

const view = ({ name, reason, createdAt, bytes }: BackupInfo) => ({ name, reason, createdAt, bytes });

export function maintenanceHandlers(deps: MaintenanceDeps): Pick<RpcHandlers, MaintenanceMethod> {
  const folders = { logs: deps.logDir, backups: backupsDir(deps.dataDir), data: deps.dataDir };
  return {
    'maintenance.info': () => ({
      dataDir: deps.dataDir,
      logDir: deps.logDir,
      backupsDir: backupsDir(deps.dataDir),
      backups: listBackups(deps.dataDir).map(view),
      canOpenFolders: Boolean(deps.openFolder),
    }),
    'maintenance.backupNow': async () => view(await createBackup(deps.db, deps.dataDir, 'manual')),
    'maintenance.restore': async ({ name }) => {
      if (!deps.restore) throw new AppFailure('unavailable', msg('noSelfRestart'));
      const backup = listBackups(deps.dataDir).find((b) => b.name === name);
      if (!backup) throw new AppFailure('not_found', msg('backupMissing', { name }));
      try {
        // Checked before anything stops: a bad file changes nothing.
        checkBackupFile(backup.path);
      } catch (error) {
        if (error instanceof BadBackupError) throw new AppFailure('invalid_input', error.detail);
        throw error;
      }
      await deps.restore(join(backupsDir(deps.dataDir), name));
      return { restored: name };
    },
    'maintenance.openFolder': async ({ folder }) => {
      const path = folders[folder];
      return { path, opened: deps.openFolder ? await deps.openFolder(path) : false };
    },
  };
}
