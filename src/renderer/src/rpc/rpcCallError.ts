import type { RpcError } from '../../../shared/rpc';

/** An RPC failure as a thrown value, so react-query can hold it in `error`. (Its own file: no RPC client needed to check for one.) */
export class RpcCallError extends Error {
  constructor(readonly error: RpcError) {
    super(error.message);
  }
}
