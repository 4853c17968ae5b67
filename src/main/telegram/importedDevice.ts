import { importedDeviceSchema, type ImportedDevice } from '../../shared/rpc/accountImport';
import { jsonColumn } from '../db/statements';

/** The `accounts.imported_device` column read back (a damaged value counts as none). */
export function readImportedDevice(json: string | null): ImportedDevice | null {
  if (json === null) return null;
  const parsed = importedDeviceSchema.safeParse(jsonColumn<unknown>(json, null));
  return parsed.success ? parsed.data : null;
}
