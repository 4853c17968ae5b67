import type { z } from 'zod';
import type { accountsContract } from '../../../shared/rpc/accounts';
import type { AccountsService } from '../../telegram/accountsService';

type Contract = typeof accountsContract;
type Input<M extends keyof Contract> = z.output<Contract[M]['input']>;
type Output<M extends keyof Contract> = z.output<Contract[M]['output']>;

/** Handlers of the accounts methods; the same shape as `RpcHandlers` once they join the contract. */
export type AccountsHandlers = { [M in keyof Contract]: (input: Input<M>) => Output<M> | Promise<Output<M>> };

export function accountsHandlers(service: AccountsService): AccountsHandlers {
  return {
    'accounts.list': () => service.list(),
    'accounts.startLogin': (input) => service.startLogin(input),
    'accounts.submitCode': ({ loginId, code }) => service.submitCode(loginId, code),
    'accounts.submitPassword': ({ loginId, password }) => service.submitPassword(loginId, password),
    'accounts.resendCode': ({ loginId }) => service.resendCode(loginId),
    'accounts.startQrLogin': (input) => service.startQrLogin(input),
    'accounts.loginStatus': ({ loginId }) => service.loginStatus(loginId),
    'accounts.logOut': ({ id }) => service.logOut(id),
    'accounts.testProxy': ({ proxy }) => service.testProxy(proxy),
    'accounts.cancelLogin': async ({ loginId }) => ({ cancelled: await service.cancelLogin(loginId) }),
    'accounts.importSession': (input) => service.importSession(input),
    'accounts.update': (input) => service.update(input),
    'accounts.resumeSending': ({ id }) => service.resumeSending(id),
    'accounts.remove': async ({ id }) => ({ removed: await service.remove(id) }),
  };
}
