import type { ImportBatchInput, ImportRow } from '../../../shared/rpc/accountImport';

/** What the Telegram adapter offers for bringing accounts in (the import RPC handlers wrap it). */
export interface AccountImportService {
  /** Reads, checks (by connecting) and saves every account of the batch; one row each, in order. */
  importBatch(input: ImportBatchInput, onRow?: (row: ImportRow, done: number, total: number) => void): Promise<ImportRow[]>;
  /** The account sealed with `password` into one `.voronka-account` file (accountExportFile.ts). */
  exportAccount(accountId: number, password: string): Promise<{ fileName: string; data: Buffer }>;
}
