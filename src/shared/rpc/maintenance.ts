import { z } from 'zod';
import { noInput } from './common';

export const backupSchema = z.object({
  name: z.string(),
  reason: z.enum(['daily', 'manual', 'pre-migration']),
  createdAt: z.number(),
  bytes: z.number(),
});
export type Backup = z.infer<typeof backupSchema>;

export const maintenanceInfoSchema = z.object({
  dataDir: z.string(),
  logDir: z.string(),
  backupsDir: z.string(),
  /** Newest first. */
  backups: z.array(backupSchema),
  /** The host can open a folder in the file manager (desktop); otherwise the UI shows the path. */
  canOpenFolders: z.boolean(),
});
export type MaintenanceInfo = z.infer<typeof maintenanceInfoSchema>;

/** Backups of the database, restore, and where the logs are. */
export const maintenanceMethods = {
  'maintenance.info': { input: noInput, output: maintenanceInfoSchema },
  'maintenance.backupNow': { input: noInput, output: backupSchema },
  /**
   * Replaces the database with a backup: the file is checked, the engine stopped, the files swapped,
   * the app started again on the restored data. The replaced database is kept beside it.
   */
  'maintenance.restore': { input: z.object({ name: z.string().min(1).max(200).regex(/^[\w.-]+$/) }).strict(), output: z.object({ restored: z.string() }) },
  'maintenance.openFolder': { input: z.object({ folder: z.enum(['logs', 'backups', 'data']) }).strict(), output: z.object({ path: z.string(), opened: z.boolean() }) },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export const maintenanceEvents = {
  /** The app restarted on a restored database: every view reloads its data. */
  'maintenance.restored': z.object({ name: z.string() }),
} as const satisfies Record<string, z.ZodType>;
