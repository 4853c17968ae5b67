/** Settings: logs and backups. */
export const maintenanceEn = {
  maintenance: {
    title: 'Backups and logs',
    hint: 'A backup of the database is made every day and before every update of its format; the last 7 of each kind are kept.',
    backupNow: 'Back up now',
    backedUp: 'Backup made: {{name}}',
    restore: 'Restore',
    restoreTitle: 'Restore this backup?',
    restoreBody: 'Voronka stops, puts {{name}} in place of the current database and starts again. The current database is kept beside it as voronka.db.before-restore.',
    restored: 'Restored {{name}}',
    none: 'No backups yet.',
    reason: { daily: 'daily', manual: 'manual', 'pre-migration': 'before update' },
    logs: 'Log files',
    openLogs: 'Open log folder',
    openBackups: 'Open backup folder',
    folder: 'Folder',
  },
};
