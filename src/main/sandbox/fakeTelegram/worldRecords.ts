import type { StoredDocument } from './media';

/** The plain records the fake Telegram's world keeps: people, photos, messages, channels, and what each account did. */

export interface SimUser {
  id: number;
  accessHash: string;
  firstName: string;
  lastName?: string;
  username?: string;
  /** A bot account: apps answering people must ignore it. */
  bot?: boolean;
  /**
   * Telegram gives this account only a *min* user for this person, in pushes and in getDifference
   * alike (seen that way in big groups; privacy settings): the client never learns a usable
   * access_hash and can address them only through inputPeerUserFromMessage.
   */
  minOnly?: boolean;
}

export interface StoredPhoto {
  id: string;
  accessHash: string;
  bytes: Buffer;
  width: number;
  height: number;
}

/** One message in an account's box. Private-chat ids and pts are per account, as in Telegram. */
export interface StoredMessage {
  id: number;
  /** The account's pts right after this message: getDifference returns messages with pts > the client's. */
  pts: number;
  date: number;
  /** The other side of the private chat. */
  peerUserId: number;
  out: boolean;
  text: string;
  photo?: StoredPhoto;
  /** Anything sent as a document: images as files, voice, round video, video, sticker, GIF, file. */
  document?: StoredDocument;
  /**
   * How the push is shaped: `short` (updateShortMessage, text only) or `full` (updates{} with the
   * sender in users). Default: short for plain text, full for media, as Telegram does.
   */
  shape?: 'short' | 'full';
  /** The push carries the sender as a *min* user (no usable access_hash), as in big groups. */
  minSender?: boolean;
  /**
   * A service message (messageService) instead of a message: Telegram's notes in a private chat —
   * a call, the partner joining Telegram, a pinned message, the history cleared.
   */
  service?: ServiceAction;
}

export type ServiceAction = 'phoneCall' | 'contactSignUp' | 'pinMessage' | 'historyClear';

/** A channel or supergroup the account is in: its own message ids and pts, apart from the common box. */
export interface SimChannel {
  id: number;
  accessHash: string;
  title: string;
  /** A supergroup (members write) rather than a broadcast channel (only admins post). */
  megagroup: boolean;
  pts: number;
  nextMessageId: number;
}

export interface SentRecord {
  randomId: string;
  text: string;
  /** Set for messages.sendMedia with an uploaded photo. */
  photo?: StoredPhoto;
  /** Set for messages.sendMedia with an uploaded document. */
  document?: StoredDocument;
  peerUserId: number;
  messageId: number;
  time: number;
}

export interface TypingRecord {
  peerUserId: number;
  action: string;
  time: number;
}

export interface ReadRecord {
  peerUserId: number;
  maxId: number;
  time: number;
}
