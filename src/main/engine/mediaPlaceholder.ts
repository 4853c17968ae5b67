import type { IncomingMessage } from './types';

/**
 * How a lead's media reads to the funnel (AI prompts, transcripts) when it cannot be looked at: a
 * typed placeholder, so a voice note is never an empty turn. A sticker reads as its emoji.
 */
export function mediaPlaceholder(media: NonNullable<IncomingMessage['media']>): string {
  switch (media.kind) {
    case 'photo':
      return '[photo]';
    case 'voice':
      return '[voice message]';
    case 'round':
      return '[video message]';
    case 'video':
      return '[video]';
    case 'gif':
      return '[GIF]';
    case 'sticker':
      return media.emoji ? media.emoji : '[sticker]';
    case 'document':
      return media.fileName ? `[file: ${media.fileName}]` : '[file]';
  }
}
