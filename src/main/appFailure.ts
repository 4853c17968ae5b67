import type { RpcErrorCode } from '../shared/rpc';

/**
 * An expected failure of a service call (unknown id, invalid settings, a listener that is not
 * running…), thrown by adapters and handlers alike. It lives outside rpc/ so adapters need not know
 * about the transport; the RPC router turns it into `{ok:false, error}`, anything else into `internal`.
 */
export class AppFailure extends Error {
  constructor(
    readonly code: RpcErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AppFailure';
  }
}
