import { z } from 'zod';

/**
 * The device an account presents to Telegram (initConnection), as it came with an import: a
 * Telethon `.json` or Telegram Desktop's own values for `tdata`. Kept so the account looks the same
 * in its owner's *Active sessions* after the move.
 */
export const importedDeviceSchema = z.object({
  deviceModel: z.string().min(1).max(128),
  systemVersion: z.string().min(1).max(128),
  appVersion: z.string().min(1).max(128),
  langCode: z.string().min(1).max(16),
  systemLangCode: z.string().min(1).max(32),
});
export type ImportedDevice = z.infer<typeof importedDeviceSchema>;
