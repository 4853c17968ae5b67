import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { Api } from 'teleproto';

export interface SentMessage {
  /** Telegram's id of the message in this chat (null when the answer did not say). */
  messageId: number | null;
  /** The account's pts after the send, for the update processor. */
  pts?: number;
  ptsCount: number;
}

/**
 * Reads what sendMessage/sendMedia answered: `updateShortSentMessage` for a plain text, or an
 * `updates` container where updateMessageID maps our random_id to the new message id.
 */
export function sendResult(result: unknown, randomId: string): SentMessage {
  if (result instanceof Api.UpdateShortSentMessage) return { messageId: result.id, pts: result.pts, ptsCount: result.ptsCount };
  if (result instanceof Api.Updates || result instanceof Api.UpdatesCombined) {
    let messageId: number | null = null;
    let pts: number | undefined;
    let ptsCount = 0;
    for (const u of result.updates) {
      if (u instanceof Api.UpdateMessageID && u.randomId?.toString() === randomId) messageId = u.id;
      if (u instanceof Api.UpdateNewMessage) {
        messageId ??= u.message.id;
        pts = u.pts;
        ptsCount = u.ptsCount;
      }
    }
    return { messageId, ...(pts === undefined ? {} : { pts }), ptsCount };
  }
  return { messageId: null, ptsCount: 0 };
}

/** The InputMedia for a queued message's attachment (uploaded first). */
export async function uploadMedia(media: { kind: string; path: string }, upload: (path: string) => Promise<Api.TypeInputFile>): Promise<Api.TypeInputMedia> {
  const file = await upload(media.path);
  if (media.kind === 'photo') return new Api.InputMediaUploadedPhoto({ file });
  return new Api.InputMediaUploadedDocument({
    file,
    mimeType: media.kind === 'video' ? 'video/mp4' : media.kind === 'voice' ? 'audio/ogg' : 'application/octet-stream',
    attributes: [new Api.DocumentAttributeFilename({ fileName: basename(media.path) })],
  });
}

/**
 * The random_id of part `index` of a row: the row's own for the first part, then a 64-bit value
 * derived from it, so every resend of the same part carries the same id (Telegram de-duplicates)
 * and parts never collide with each other.
 */
export function partRandomId(rowRandomId: string, index: number): string {
  if (index === 0) return rowRandomId;
  return createHash('sha256').update(`${rowRandomId}:${index}`).digest().readBigInt64LE(0).toString();
}
