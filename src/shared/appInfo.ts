import { z } from 'zod';

const appHosts = ['electron', 'headless'] as const;

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  host: z.enum(appHosts),
  dataDir: z.string(),
  dbPath: z.string(),
  schemaVersion: z.number().int(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;
