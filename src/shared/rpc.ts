import type { AppMessage } from './appMessage';
import type { z } from 'zod';
import { appInfoSchema } from './appInfo';
import { settingsPatchSchema, settingsSchema } from './settings';

import { accountImportContract, accountImportEvents } from './rpc/accountImport';
import { accountsEvents, accountsMethods } from './rpc/accounts';
import { aiEvents, aiMethods } from './rpc/ai';
import { emulatorEvents, emulatorMethods } from './rpc/emulator';
import { leadsEvents, leadsMethods } from './rpc/leads';
import { maintenanceEvents, maintenanceMethods } from './rpc/maintenance';
import { mediaMethods } from './rpc/media';
import { tagsMethods } from './rpc/tags';
import { firstRunMethods } from './rpc/firstRun';
import { scriptsEvents, scriptsMethods } from './rpc/scripts';
import { statsEvents, statsMethods } from './rpc/stats';
import { noInput } from './rpc/common';
import { sandboxEvents, sandboxMethods } from './rpc/sandbox';
import { trackerEvents, trackerMethods } from './rpc/tracker';

/**
 * The one RPC contract between the renderer and the main side, in both hosts (Electron IPC and the
 * headless WebSocket). Main validates every `input` with these schemas before a handler runs;
 * `output` documents (and in tests checks) what comes back. Each domain keeps its methods in
 * `rpc/<domain>.ts`.
 */
export const rpcMethods = {
  'app.info': { input: noInput, output: appInfoSchema },
  'settings.get': { input: noInput, output: settingsSchema },
  'settings.set': { input: settingsPatchSchema, output: settingsSchema },
  ...scriptsMethods,
  ...leadsMethods,
  ...statsMethods,
  ...emulatorMethods,
  ...aiMethods,
  ...accountsMethods,
  ...accountImportContract,
  ...trackerMethods,
  ...sandboxMethods,
  ...maintenanceMethods,
  ...mediaMethods,
  ...tagsMethods,
  ...firstRunMethods,
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

/** Events pushed from main to every connected renderer. */
export const rpcEvents = {
  'settings.changed': settingsSchema,
  ...scriptsEvents,
  ...leadsEvents,
  ...statsEvents,
  ...emulatorEvents,
  ...aiEvents,
  ...accountsEvents,
  ...accountImportEvents,
  ...trackerEvents,
  ...sandboxEvents,
  ...maintenanceEvents,
} as const satisfies Record<string, z.ZodType>;

export type RpcMethod = keyof typeof rpcMethods;
export type RpcInput<M extends RpcMethod> = z.input<(typeof rpcMethods)[M]['input']>;
export type RpcParsedInput<M extends RpcMethod> = z.output<(typeof rpcMethods)[M]['input']>;
export type RpcOutput<M extends RpcMethod> = z.output<(typeof rpcMethods)[M]['output']>;
export type RpcEvent = keyof typeof rpcEvents;
export type RpcEventPayload<E extends RpcEvent> = z.output<(typeof rpcEvents)[E]>;

export const rpcErrorCodes = [
  'invalid_input',
  'unknown_method',
  'not_found',
  'conflict',
  'unauthorized',
  'unavailable',
  'internal',
] as const;
export type RpcErrorCode = (typeof rpcErrorCodes)[number];

/**
 * Errors cross the boundary as data: `code` is the kind (the UI's title), `detail` what happened as a
 * coded message (the UI's text, in its language), `message` the same in English for logs.
 */
export interface RpcError {
  code: RpcErrorCode;
  message: string;
  detail?: AppMessage;
  /** For `invalid_input`: each problem with the path of the offending field, as a coded message. */
  issues?: (AppMessage & { path: string })[];
}

export type RpcResult<T> = { ok: true; value: T } | { ok: false; error: RpcError };

/** What the renderer talks to: the preload bridge in Electron, a WebSocket in a browser. */
export interface RpcClient {
  call<M extends RpcMethod>(method: M, input: RpcInput<M>): Promise<RpcResult<RpcOutput<M>>>;
  /** Subscribes to a pushed event; returns the unsubscribe function. */
  on<E extends RpcEvent>(event: E, listener: (payload: RpcEventPayload<E>) => void): () => void;
}

export function isRpcMethod(name: unknown): name is RpcMethod {
  return typeof name === 'string' && Object.hasOwn(rpcMethods, name);
}
