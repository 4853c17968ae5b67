import { Api } from 'teleproto';

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

/** A private message from a real person, ready to be stored. */
export interface IncomingCandidate {
  peerId: string;
  telegramId: number;
  text: string;
  /** Unix ms (Telegram's date). */
  ts: number;
  /** Present when the profile (with its access hash) came with the update; absent for short updates. */
  profile?: LeadProfile;
  /** The full message when it carries a photo to download. */
  photoMessage?: Api.Message;
}

export type Classified = { kind: 'lead'; candidate: IncomingCandidate } | { kind: 'skip'; reason: string } | { kind: 'unknown_user'; peerId: string };

export function profileOf(user: Api.User): LeadProfile {
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
export function classifyMessage(message: Api.TypeMessage, users: ReadonlyMap<string, Api.TypeUser>, selfId: string): Classified {
  if (!(message instanceof Api.Message)) return { kind: 'skip', reason: message.className };
  if (!(message.peerId instanceof Api.PeerUser)) return { kind: 'skip', reason: 'not a private chat' };
  if (message.out) return { kind: 'skip', reason: 'outgoing' };
  const peerId = message.peerId.userId.toString();
  if (peerId === selfId) return { kind: 'skip', reason: 'saved messages' };
  if (message.fromId && !(message.fromId instanceof Api.PeerUser && message.fromId.userId.toString() === peerId)) {
    return { kind: 'skip', reason: 'not from the chat partner' };
  }
  if (peerId === serviceNotificationsUserId) return { kind: 'skip', reason: 'service account' };
  const user = users.get(peerId);
  if (!(user instanceof Api.User)) return { kind: 'unknown_user', peerId };
  const reason = userSkipReason(user);
  if (reason) return { kind: 'skip', reason };
  const hasPhoto = message.media instanceof Api.MessageMediaPhoto && message.media.photo instanceof Api.Photo;
  return {
    kind: 'lead',
    candidate: {
      peerId,
      telegramId: message.id,
      text: message.message ?? '',
      ts: message.date * 1000,
      profile: profileOf(user),
      ...(hasPhoto ? { photoMessage: message } : {}),
    },
  };
}

/**
 * updateShortMessage: a 1:1 text without the sender's user object. Only usable for a partner we
 * already know (their access hash is stored); otherwise the caller fetches the difference, which
 * carries the user.
 */
export function classifyShortMessage(update: Api.UpdateShortMessage, selfId: string, known: (peerId: string) => boolean): Classified {
  if (update.out) return { kind: 'skip', reason: 'outgoing' };
  const peerId = update.userId.toString();
  if (peerId === selfId) return { kind: 'skip', reason: 'saved messages' };
  if (peerId === serviceNotificationsUserId) return { kind: 'skip', reason: 'service account' };
  if (update.viaBotId) return { kind: 'skip', reason: 'via bot' };
  if (!known(peerId)) return { kind: 'unknown_user', peerId };
  return { kind: 'lead', candidate: { peerId, telegramId: update.id, text: update.message, ts: update.date * 1000 } };
}

/** Users of an updates container or a difference, keyed by user id. */
export function usersById(users: readonly Api.TypeUser[]): Map<string, Api.TypeUser> {
  return new Map(users.map((u) => [u.id.toString(), u]));
}
