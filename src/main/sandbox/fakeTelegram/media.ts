import { bigInt } from '../../telegram/bigInteger';
import { Api } from 'teleproto';
import { RpcFailure } from './rpc';

/**
 * Media that Telegram carries as *documents*: everything but a compressed photo. Which kind a
 * document is comes only from its mime type and attributes — an image sent "as a file" is a
 * document with an image/* mime type, a voice note is audio with the voice flag, a round video is
 * a video attribute with round_message, a sticker carries its emoji in DocumentAttributeSticker.
 */

export const mediaKinds = ['image', 'voice', 'round', 'video', 'sticker', 'gif', 'file'] as const;
export type MediaKind = (typeof mediaKinds)[number];

export interface StoredDocument {
  id: string;
  accessHash: string;
  /** What the client must send back in InputDocumentFileLocation; a new one makes old ones stale. */
  fileReference: Buffer;
  bytes: Buffer;
  kind: MediaKind;
  mimeType: string;
  /** The sticker's emoji. */
  emoji?: string;
  fileName?: string;
  /** The data centre holding the bytes; other DCs answer upload.getFile with FILE_MIGRATE_<dc>. */
  dcId?: number;
}

/** Telegram's caption limit (config caption_length_max) and message limit (message_length_max), in UTF-16 units. */
export const captionLengthMax = 1024;
export const messageLengthMax = 4096;

/** messages.sendMessage's text checks, in Telegram's order. */
export function checkMessageText(text: string): void {
  if (!text.trim()) throw new RpcFailure(400, 'MESSAGE_EMPTY');
  if (text.length > messageLengthMax) throw new RpcFailure(400, 'MESSAGE_TOO_LONG');
}

/** messages.sendMedia's caption check. */
export function checkCaption(text: string): void {
  if (text.length > captionLengthMax) throw new RpcFailure(400, 'MEDIA_CAPTION_TOO_LONG');
}

function attributes(d: StoredDocument): Api.TypeDocumentAttribute[] {
  const name = d.fileName ? [new Api.DocumentAttributeFilename({ fileName: d.fileName })] : [];
  switch (d.kind) {
    case 'image':
      return [new Api.DocumentAttributeImageSize({ w: 1080, h: 2340 }), ...(name.length ? name : [new Api.DocumentAttributeFilename({ fileName: 'screenshot.png' })])];
    case 'voice':
      return [new Api.DocumentAttributeAudio({ voice: true, duration: 3 })];
    case 'round':
      return [new Api.DocumentAttributeVideo({ roundMessage: true, duration: 5, w: 384, h: 384 })];
    case 'video':
      return [new Api.DocumentAttributeVideo({ duration: 7, w: 1280, h: 720 }), ...name];
    case 'sticker':
      return [new Api.DocumentAttributeImageSize({ w: 512, h: 512 }), new Api.DocumentAttributeSticker({ alt: d.emoji ?? '🙂', stickerset: new Api.InputStickerSetEmpty() })];
    case 'gif':
      return [new Api.DocumentAttributeVideo({ duration: 2, w: 320, h: 240, nosound: true }), new Api.DocumentAttributeAnimated()];
    case 'file':
      return name.length ? name : [new Api.DocumentAttributeFilename({ fileName: 'document.pdf' })];
  }
}

export function documentObject(d: StoredDocument, date: number, homeDc: number): Api.Document {
  return new Api.Document({
    id: bigInt(d.id),
    accessHash: bigInt(d.accessHash),
    fileReference: d.fileReference,
    date,
    mimeType: d.mimeType,
    size: bigInt(d.bytes.length),
    dcId: d.dcId ?? homeDc,
    attributes: attributes(d),
  });
}

export function documentMedia(d: StoredDocument, date: number, homeDc: number): Api.MessageMediaDocument {
  return new Api.MessageMediaDocument({
    document: documentObject(d, date, homeDc),
    ...(d.kind === 'voice' ? { voice: true } : {}),
    ...(d.kind === 'round' ? { round: true } : {}),
    ...(d.kind === 'video' ? { video: true } : {}),
  });
}

/** What an uploaded document the client sends is, read from its mime type and attributes like Telegram does. */
export function kindOfUpload(mimeType: string, attrs: readonly Api.TypeDocumentAttribute[]): MediaKind {
  if (attrs.some((a) => a instanceof Api.DocumentAttributeSticker)) return 'sticker';
  if (attrs.some((a) => a instanceof Api.DocumentAttributeAnimated)) return 'gif';
  if (attrs.some((a) => a instanceof Api.DocumentAttributeAudio && a.voice)) return 'voice';
  const video = attrs.find((a): a is Api.DocumentAttributeVideo => a instanceof Api.DocumentAttributeVideo);
  if (video) return video.roundMessage ? 'round' : 'video';
  if (mimeType.startsWith('image/')) return 'image';
  if (mimeType.startsWith('video/')) return 'video';
  return 'file';
}
