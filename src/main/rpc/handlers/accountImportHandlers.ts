import type { z } from 'zod';
import type { accountImportContract } from '../../../shared/rpc/accountImport';
import type { AccountImportService } from '../../telegram/import/accountImportService';
import type { Db } from '../../db/connection';
import type { EventBus } from '../eventBus';
import { assertRunnableScript } from './runnableScript';

type Contract = typeof accountImportContract;
type Input<M extends keyof Contract> = z.output<Contract[M]['input']>;
type Output<M extends keyof Contract> = z.output<Contract[M]['output']>;

export type AccountImportHandlers = { [M in keyof Contract]: (input: Input<M>) => Output<M> | Promise<Output<M>> };

/** Bulk account import; each checked account is also pushed as `accounts.importProgress`. */
export function accountImportHandlers(service: AccountImportService, db: Db, events?: EventBus): AccountImportHandlers {
  return {
    'accounts.exportEncrypted': async ({ accountId, password }) => {
      const { fileName, data } = await service.exportAccount(accountId, password);
      return { fileName, dataBase64: data.toString('base64') };
    },
    'accounts.importBatch': async (input) => {
      assertRunnableScript(db, input.scriptId);
      return { rows: await service.importBatch(input, (row, done, total) => events?.emit('accounts.importProgress', { row, done, total })) };
    },
  };
}
