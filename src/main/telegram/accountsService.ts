import type { z } from 'zod';
import type { AccountView, accountsContract, LoginState, ProxyInput, ProxyTest } from '../../shared/rpc/accounts';

type Contract = typeof accountsContract;
type Input<M extends keyof Contract> = z.output<Contract[M]['input']>;

/** What the Telegram adapter offers for accounts; the accounts RPC handlers are a thin layer over it. */
export interface AccountsService {
  list(): AccountView[];
  startLogin(input: Input<'accounts.startLogin'>): Promise<LoginState>;
  submitCode(loginId: string, code: string): Promise<LoginState>;
  submitPassword(loginId: string, password: string): Promise<LoginState>;
  cancelLogin(loginId: string): Promise<boolean>;
  resendCode(loginId: string): Promise<LoginState>;
  startQrLogin(input: Input<'accounts.startQrLogin'>): Promise<LoginState>;
  loginStatus(loginId: string): Promise<LoginState>;
  /** auth.logOut, then the session is forgotten; throws AppFailure('not_found') for an unknown account. */
  logOut(id: number): Promise<AccountView>;
  testProxy(proxy: ProxyInput): Promise<ProxyTest>;
  importSession(input: Input<'accounts.importSession'>): Promise<LoginState>;
  /** Throws AppFailure('not_found') for an unknown account. */
  update(input: Input<'accounts.update'>): Promise<AccountView>;
  /** Lifts the account's sending pause (PEER_FLOOD or FLOOD_WAIT) now. Throws AppFailure('not_found'). */
  resumeSending(id: number): Promise<AccountView>;
  remove(id: number): Promise<boolean>;
}
