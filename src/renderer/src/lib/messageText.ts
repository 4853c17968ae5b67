import type { TFunction } from 'i18next';
import type { z } from 'zod';
import type { AppMessage } from '../../../shared/appMessage';
import { zodIssueMessage } from '../../../shared/zodMessage';

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
