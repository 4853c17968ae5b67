import type { TFunction } from 'i18next';
import type { z } from 'zod';
import type { AppMessage } from '../../../shared/appMessage';
import { zodIssueMessage } from '../../../shared/zodMessage';
import { RpcCallError } from '../rpc/rpcCallError';
import { technicalDetailText } from './technicalDetail';

/** A coded message from the main process (or a shared schema) in the UI language. */
export function messageText(t: TFunction, message: AppMessage): string {
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(message.params ?? {}))
    params[name] = typeof value === 'object' ? messageText(t, value) : name === 'detail' && typeof value === 'string' ? technicalDetailText(t, value) : value;
  return t(`msg.${message.code}`, params);
}

/**
 * Why Telegram refused a message for good, in plain words: the stored reason is Telegram's error name
 * (or our ATTACHMENT_UNREADABLE / NO_ACCESS_HASH); a name the app has no words for shows as it is.
 */
export function sendRefusalText(t: TFunction, name: string): string {
  return t(`tg.failed.why.${name}`, { defaultValue: name });
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
