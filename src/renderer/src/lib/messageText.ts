import type { TFunction } from 'i18next';
import type { z } from 'zod';
import type { AppMessage } from '../../../shared/appMessage';
import { zodIssueMessage } from '../../../shared/zodMessage';
import { RpcCallError } from '../rpc/hooks';

/** A coded message from the main process (or a shared schema) in the UI language. */
export function messageText(t: TFunction, message: AppMessage): string {
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(message.params ?? {})) params[name] = typeof value === 'object' ? messageText(t, value) : value;
  return t(`msg.${message.code}`, params);
}

/** A zod issue of a shared schema checked in the renderer, in the UI language. */
export function issueText(t: TFunction, issue: z.core.$ZodIssue): string {
  return messageText(t, zodIssueMessage(issue));
}

/**
 * A failed action's text for a toast: the coded detail from main in the UI language, else the kind
 * of error; a renderer-side Error (a bug) shows its own message. Never the English `message` of an RPC error.
 */
export function errorText(t: TFunction, error: unknown): string {
  if (error instanceof RpcCallError) return error.error.detail ? messageText(t, error.error.detail) : t(`errors.${error.error.code}`);
  return error instanceof Error ? error.message : String(error);
}
