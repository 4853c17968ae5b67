import type { z } from 'zod';
import type { accountsContract } from '../../../shared/rpc/accounts';
import type { Db } from '../../db/connection';
import type { AccountsService } from '../../telegram/accountsService';
import { assertRunnableScript } from './runnableScript';

type Contract = typeof accountsContract;
type Input<M extends keyof Contract> = z.output<Contract[M]['input']>;
type Output<M extends keyof Contract> = z.output<Contract[M]['output']>;

/** Handlers of the accounts methods; the same shape as `RpcHandlers` once they join the contract. */
export type AccountsHandlers = { [M in keyof Contract]: (input: Input<M>) => Output<M> | Promise<Output<M>> };

export function accountsHandlers(service: AccountsService, db: Db): AccountsHandlers {
  // Every way an account gets a script checks it was published.
  const checked = <I extends { scriptId?: number | null }, O>(run: (input: I) => O) => (input: I): O => {
    assertRunnableScript(db, input.scriptId);
    return run(input);
  };
  return {
    'accounts.list': () => service.list(),
    'accounts.startLogin': checked((input) => service.startLogin(input)),
    'accounts.submitCode': ({ loginId, code }) => service.submitCode(loginId, code),
    'accounts.submitPassword': ({ loginId, password }) => service.submitPassword(loginId, password),
    'accounts.resendCode': ({ loginId }) => service.resendCode(loginId),
    'accounts.startQrLogin': checked((input) => service.startQrLogin(input)),
    'accounts.loginStatus': ({ loginId }) => service.loginStatus(loginId),
    'accounts.logOut': ({ id }) => service.logOut(id),
    'accounts.testProxy': ({ proxy }) => service.testProxy(proxy),
    'accounts.cancelLogin': async ({ loginId }) => ({ cancelled: await service.cancelLogin(loginId) }),
    'accounts.importSession': checked((input) => service.importSession(input)),
    'accounts.update': checked((input) => service.update(input)),
    'accounts.resumeSending': ({ id }) => service.resumeSending(id),
    'accounts.remove': async ({ id }) => ({ removed: await service.remove(id) }),
  };
}
