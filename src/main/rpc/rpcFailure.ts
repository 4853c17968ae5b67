import type { RpcErrorCode } from '../../shared/rpc';

/** Thrown by a handler for an expected failure; the router turns it into `{ok:false, error}`. */
export class RpcFailure extends Error {
  constructor(
    readonly code: RpcErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'RpcFailure';
  }
}
