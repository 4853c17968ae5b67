import { z } from 'zod';
import { serverMessagesEn } from './i18n/en/serverMessages';

/**
 * A user-visible message from the main process, as data: a code and its parameters. The renderer
 * shows it with i18next (`msg.<code>`) in the UI language; main writes `englishText` to logs and the
 * CLI. No English sentence crosses to the UI to be translated by pattern.
 */
export type MessageCode = keyof typeof serverMessagesEn;
/** A parameter is a value, or another message (a reason inside a reason: "AI unavailable: <why>"). */
export type MessageParam = string | number | AppMessage;
export type MessageParams = Readonly<Record<string, MessageParam>>;
export interface AppMessage {
  code: MessageCode;
  params?: MessageParams;
}

export const messageCodes = Object.keys(serverMessagesEn) as [MessageCode, ...MessageCode[]];

/** The fields of a message, for schemas that extend it (a script problem adds its path). */
export const appMessageFields = {
  code: z.enum(messageCodes),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.lazy((): z.ZodType<AppMessage> => appMessageSchema)])).optional(),
};
export const appMessageSchema: z.ZodType<AppMessage> = z.object(appMessageFields);

export function isAppMessage(value: unknown): value is AppMessage {
  return typeof value === 'object' && value !== null && isMessageCode((value as { code?: unknown }).code);
}

export function isMessageCode(value: unknown): value is MessageCode {
  return typeof value === 'string' && Object.hasOwn(serverMessagesEn, value);
}

/** Builds a message; `params` are kept only when there are some (smaller JSON, stable equality). */
export function msg(code: MessageCode, params?: MessageParams): AppMessage {
  return params && Object.keys(params).length ? { code, params } : { code };
}

/** A text that is already what the person should read (an operator's note, a stored legacy text). */
export function textMessage(text: string): AppMessage {
  return { code: 'text', params: { text } };
}

/** The English text: for logs, the CLI and anything outside the UI. */
export function englishText(message: AppMessage): string {
  const template: string = serverMessagesEn[message.code] ?? message.code;
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const value = message.params?.[name];
    return typeof value === 'object' ? englishText(value) : String(value ?? '');
  });
}

/**
 * Stored form of a message in a TEXT column (a lead's or account's status reason, a postback's error):
 * JSON of the message. Rows written before messages had codes hold plain English; `decodeMessage`
 * reads those as a `text` message rather than failing, so old data still shows.
 */
export function encodeMessage(message: AppMessage): string {
  return JSON.stringify(message);
}

export function decodeMessage(stored: string): AppMessage {
  if (stored.startsWith('{')) {
    try {
      const parsed = appMessageSchema.safeParse(JSON.parse(stored));
      if (parsed.success) return parsed.data;
    } catch {
      // Not JSON after all: an old plain text that happens to start with "{".
    }
  }
  return textMessage(stored);
}

/** Why a lead with damaged stored state is out of automation (written by the db, told by the engine). */
export function damagedReason(column: string): AppMessage {
  return msg('stateDamaged', { column });
}

export function decodeNullableMessage(stored: string | null): AppMessage | null {
  return stored === null ? null : decodeMessage(stored);
}
