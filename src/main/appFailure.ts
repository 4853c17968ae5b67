import { englishText, type AppMessage } from '../shared/appMessage';
import type { RpcErrorCode } from '../shared/rpc';

/**
 * An expected failure of a service call (unknown id, invalid settings, a listener that is not
 * running…), thrown by adapters and handlers alike. It lives outside rpc/ so adapters need not know
 * about the transport; the RPC router turns it into `{ok:false, error}`, anything else into `internal`.
 * `detail` is the coded message the UI shows in its language; `message` is its English for logs.
 */
export class AppFailure extends Error {
  constructor(
    readonly code: RpcErrorCode,
    readonly detail: AppMessage,
  ) {
    super(englishText(detail));
    this.name = 'AppFailure';
  }
}
