import type { z } from 'zod';
import type { AccountView, accountsContract, LoginState } from '../../../shared/rpc/accounts';

type Contract = typeof accountsContract;
type Input<M extends keyof Contract> = z.output<Contract[M]['input']>;
type Output<M extends keyof Contract> = z.output<Contract[M]['output']>;

/** Handlers of the accounts methods; the same shape as `RpcHandlers` once they join the contract. */
export type AccountsHandlers = { [M in keyof Contract]: (input: Input<M>) => Output<M> | Promise<Output<M>> };

/** What the handlers need from the Telegram adapter (src/main/telegram implements it). */
export interface AccountsService {
  list(): AccountView[];
  startLogin(input: Input<'accounts.startLogin'>): Promise<LoginState>;
  submitCode(loginId: string, code: string): Promise<LoginState>;
  submitPassword(loginId: string, password: string): Promise<LoginState>;
  cancelLogin(loginId: string): Promise<boolean>;
  importSession(input: Input<'accounts.importSession'>): Promise<LoginState>;
  /** Throws RpcFailure('not_found') for an unknown account. */
  update(input: Input<'accounts.update'>): Promise<AccountView>;
  remove(id: number): Promise<boolean>;
}

export function accountsHandlers(service: AccountsService): AccountsHandlers {
  return {
    'accounts.list': () => service.list(),
    'accounts.startLogin': (input) => service.startLogin(input),
    'accounts.submitCode': ({ loginId, code }) => service.submitCode(loginId, code),
    'accounts.submitPassword': ({ loginId, password }) => service.submitPassword(loginId, password),
    'accounts.cancelLogin': async ({ loginId }) => ({ cancelled: await service.cancelLogin(loginId) }),
    'accounts.importSession': (input) => service.importSession(input),
    'accounts.update': (input) => service.update(input),
    'accounts.remove': async ({ id }) => ({ removed: await service.remove(id) }),
  };
}
