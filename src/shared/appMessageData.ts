import { serverMessagesEn } from './i18n/en/serverMessages';

// Without zod: the renderer shows messages, and evaluating schemas before its first paint costs that
// paint. appMessage.ts adds the schemas and the stored form, and re-exports all of this.

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
