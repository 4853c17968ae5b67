import { Api } from 'teleproto';
import type { IncomingMedia } from '../engine/types';

/**
 * Which Telegram messages become lead messages. Voronka answers people who write to the account
 * in a private chat: groups, channels, bots, Telegram's own service account, service messages
 * (joins, calls, pins) and anything the account itself sent are not leads.
 */

/** Telegram's official notifications account (login codes, security alerts): never a lead. */
const serviceNotificationsUserId = '777000';

export interface LeadProfile {
  peerId: string;
  accessHash: string | null;
  firstName: string | null;
  lastName: string | null;
  username: string | null;
}

/** What a message carries besides text, read from Telegram's media object. */
export interface CandidateMedia {
  kind: IncomingMedia['kind'];
  emoji?: string;
  fileName?: string;
  mimeType?: string;
  /** The message to download from (a fresh copy is fetched if its file reference expired). */
  message: Api.Message;
}

/** A private message from a real person (or, `out`, from the account's owner on another device), ready to be stored. */
export interface IncomingCandidate {
  peerId: string;
  telegramId: number;
  text: string;
  /** Unix ms (Telegram's date). */
  ts: number;
  /** The account itself wrote it (from another device, or one of our own sends seen again). */
  out?: boolean;
  /** Present when the profile (with its access hash) came with the update; absent for short updates. */
  profile?: LeadProfile;
  media?: CandidateMedia;
}

export type Classified = { kind: 'lead'; candidate: IncomingCandidate } | { kind: 'skip'; reason: string } | { kind: 'unknown_user'; peerId: string };

/**
 * A *min* user (Telegram's partial user object) carries an access_hash that is not valid for
 * sending: it is never stored, and its names are left for the next full user.
 */
export function profileOf(user: Api.User): LeadProfile {
  if (user.min) return { peerId: user.id.toString(), accessHash: null, firstName: null, lastName: null, username: null };
  return {
    peerId: user.id.toString(),
    accessHash: user.accessHash?.toString() ?? null,
    firstName: user.firstName ?? null,
    lastName: user.lastName ?? null,
    username: user.username ?? null,
  };
}

function userSkipReason(user: Api.User): string | undefined {
  if (user.bot) return 'bot';
  if (user.self) return 'self';
  if (user.support || user.id.toString() === serviceNotificationsUserId) return 'service account';
  if (user.deleted) return 'deleted account';
  return undefined;
}

/** A full message (from getDifference or an `updates` push) with the users that came with it. */
export function classifyMessage(message: Api.TypeMessage, users: ReadonlyMap<string, Api.TypeUser>, selfId: string, fromDifference = false): Classified {
  if (!(message instanceof Api.Message)) return { kind: 'skip', reason: message.className };
  if (!(message.peerId instanceof Api.PeerUser)) return { kind: 'skip', reason: 'not a private chat' };
  const peerId = message.peerId.userId.toString();
  if (peerId === selfId) return { kind: 'skip', reason: 'saved messages' };
  if (message.out) return { kind: 'lead', candidate: { peerId, telegramId: message.id, text: message.message ?? '', ts: message.date * 1000, out: true } };
  if (message.fromId && !(message.fromId instanceof Api.PeerUser && message.fromId.userId.toString() === peerId)) {
    return { kind: 'skip', reason: 'not from the chat partner' };
  }
  if (peerId === serviceNotificationsUserId) return { kind: 'skip', reason: 'service account' };
  const user = users.get(peerId);
  // A min user cannot be written to: a live update is re-read through getDifference, which
  // carries the full user; a difference that still has only the min user stores no hash.
  if (!(user instanceof Api.User) || (user.min && !fromDifference)) return { kind: 'unknown_user', peerId };
  const reason = userSkipReason(user);
  if (reason) return { kind: 'skip', reason };
  const media = mediaOf(message);
  const unsupported = !media && message.media && !(message.media instanceof Api.MessageMediaEmpty) && !(message.media instanceof Api.MessageMediaWebPage);
  return {
    kind: 'lead',
    candidate: {
      peerId,
      telegramId: message.id,
      // Never an empty turn: a kind of message Voronka cannot store (a location, a poll…) is named.
      text: message.message || (unsupported ? `[${message.media?.className.replace(/^MessageMedia/, '').toLowerCase()}]` : ''),
      ts: message.date * 1000,
      profile: profileOf(user),
      ...(media ? { media } : {}),
    },
  };
}

/**
 * The kind of a message's media, the way official clients decide it: compressed photos and
 * images sent as files (image/* documents) are both photos for the funnel; voice, round video,
 * sticker (with its emoji), GIF and video come from the document's attributes; anything else is a file.
 */
export function mediaOf(message: Api.Message): CandidateMedia | undefined {
  const media = message.media;
  if (media instanceof Api.MessageMediaPhoto && media.photo instanceof Api.Photo) return { kind: 'photo', message };
  if (!(media instanceof Api.MessageMediaDocument) || !(media.document instanceof Api.Document)) return undefined;
  const doc = media.document;
  const attrs = doc.attributes;
  const mimeType = doc.mimeType;
  const sticker = attrs.find((a): a is Api.DocumentAttributeSticker => a instanceof Api.DocumentAttributeSticker);
  if (sticker) return { kind: 'sticker', emoji: sticker.alt, mimeType, message };
  if (attrs.some((a) => a instanceof Api.DocumentAttributeAnimated)) return { kind: 'gif', mimeType, message };
  if (media.voice || attrs.some((a) => a instanceof Api.DocumentAttributeAudio && a.voice)) return { kind: 'voice', mimeType, message };
  const video = attrs.find((a): a is Api.DocumentAttributeVideo => a instanceof Api.DocumentAttributeVideo);
  if (media.round || video?.roundMessage) return { kind: 'round', mimeType, message };
  if (video || media.video) return { kind: 'video', mimeType, message };
  const fileName = attrs.find((a): a is Api.DocumentAttributeFilename => a instanceof Api.DocumentAttributeFilename)?.fileName;
  if (mimeType.startsWith('image/')) return { kind: 'photo', mimeType, ...(fileName ? { fileName } : {}), message };
  return { kind: 'document', mimeType, ...(fileName ? { fileName } : {}), message };
}

/**
 * updateShortMessage: a 1:1 text without the sender's user object. Only usable for a partner we
 * already know (their access hash is stored); otherwise the caller fetches the difference, which
 * carries the user.
 */
export function classifyShortMessage(update: Api.UpdateShortMessage, selfId: string, known: (peerId: string) => boolean): Classified {
  const peerId = update.userId.toString();
  if (peerId === selfId) return { kind: 'skip', reason: 'saved messages' };
  if (update.out) return { kind: 'lead', candidate: { peerId, telegramId: update.id, text: update.message, ts: update.date * 1000, out: true } };
  if (peerId === serviceNotificationsUserId) return { kind: 'skip', reason: 'service account' };
  if (update.viaBotId) return { kind: 'skip', reason: 'via bot' };
  if (!known(peerId)) return { kind: 'unknown_user', peerId };
  return { kind: 'lead', candidate: { peerId, telegramId: update.id, text: update.message, ts: update.date * 1000 } };
}

/** Users of an updates container or a difference, keyed by user id. */
export function usersById(users: readonly Api.TypeUser[]): Map<string, Api.TypeUser> {
  return new Map(users.map((u) => [u.id.toString(), u]));
}
