import { z } from 'zod';
import { serverMessagesEn } from './i18n/en/serverMessages';
import { msg, textMessage, type AppMessage, type MessageCode } from './appMessageData';

export * from './appMessageData';

export const messageCodes = Object.keys(serverMessagesEn) as [MessageCode, ...MessageCode[]];

/** The fields of a message, for schemas that extend it (a script problem adds its path). */
export const appMessageFields = {
  code: z.enum(messageCodes),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.lazy((): z.ZodType<AppMessage> => appMessageSchema)])).optional(),
};
export const appMessageSchema: z.ZodType<AppMessage> = z.object(appMessageFields);

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
