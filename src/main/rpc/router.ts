import type { z } from 'zod';
import {
  isRpcMethod,
  rpcMethods,
  type RpcMethod,
  type RpcOutput,
  type RpcParsedInput,
  type RpcResult,
} from '../../shared/rpc';
import { englishText, msg, type AppMessage } from '../../shared/appMessage';
import { zodIssueMessage } from '../../shared/zodMessage';
import type { Logger } from '../log';
import { AppFailure } from '../appFailure';
import { StoredStateError } from '../storedStateError';

/** One handler per contract method; a missing one is a compile error in the composition root. */
export type RpcHandlers = {
  [M in RpcMethod]: (input: RpcParsedInput<M>) => RpcOutput<M> | Promise<RpcOutput<M>>;
};

export interface RpcRouter {
  /** Validates `method` and `input` (both untrusted), runs the handler, never throws. */
  dispatch(method: unknown, input: unknown): Promise<RpcResult<unknown>>;
}

export function createRpcRouter(handlers: RpcHandlers, log: Logger): RpcRouter {
  return {
    async dispatch(method, input) {
      if (!isRpcMethod(method)) {
        const name = typeof method === 'string' ? method.slice(0, 100) : `(${typeof method})`;
        return fail('unknown_method', msg('unknownMethod', { name }));
      }
      const parsed = (rpcMethods[method].input as z.ZodType).safeParse(input ?? {});
      if (!parsed.success) {
        return {
          ok: false,
          error: {
            code: 'invalid_input',
            message: `Invalid input for ${method}`,
            detail: msg('invalidInputFor', { method }),
            issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), ...zodIssueMessage(i) })),
          },
        };
      }
      try {
        const handler = handlers[method] as (input: unknown) => unknown;
        return { ok: true, value: await handler(parsed.data) };
      } catch (error) {
        if (error instanceof AppFailure) return fail(error.code, error.detail);
        // Expected since stored state is parsed on read: the lead is marked and the operator told why.
        if (error instanceof StoredStateError) return fail('conflict', msg('storedDamaged', { column: error.column, row: error.rowId }), error.message);
        log.error('rpc handler failed', { method, error });
        return fail('internal', msg('internalError'));
      }
    },
  };
}

/** `message` (English, for logs) may say more than the coded `detail` the UI shows. */
function fail(code: AppFailure['code'], detail: AppMessage, message = englishText(detail)): RpcResult<never> {
  return { ok: false, error: { code, message, detail } };
}
