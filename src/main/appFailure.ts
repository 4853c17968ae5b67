import type { RpcErrorCode, RpcReason } from '../shared/rpc';

/**
 * An expected failure of a service call (unknown id, invalid settings, a listener that is not
 * running…), thrown by adapters and handlers alike. It lives outside rpc/ so adapters need not know
 * about the transport; the RPC router turns it into `{ok:false, error}`, anything else into `internal`.
 */
export class AppFailure extends Error {
  constructor(
    readonly code: RpcErrorCode,
    message: string,
    /** The UI's text as a code with parameters; `message` stays English for logs. */
    readonly reason?: RpcReason,
  ) {
    super(message);
    this.name = 'AppFailure';
  }
}
