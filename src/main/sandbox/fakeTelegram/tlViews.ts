import { bigInt } from '../../telegram/bigInteger';
import { Api } from 'teleproto';
import { unixNow } from './bytes';
import { documentMedia } from './media';
import type { World } from './world';
import type { Account } from './account';
import type { ServiceAction, SimChannel, SimUser, StoredMessage, StoredPhoto } from './worldRecords';

/** World records → the layer's TL objects (built with teleproto's own Api, so always its layer). */

export const DC_ID = 2;
/** The other DCs a login may be sent to (PHONE_MIGRATE_X, QR login on the account's DC). */
export const otherDcIds = [1, 3, 4, 5];

/**
 * The address help.getConfig gives a data centre; the client's socket redirect (clientHooks.ts)
 * maps it to that DC's own listener.
 */
export function dcAddress(dcId: number): string {
  return dcId === DC_ID ? '127.0.0.1' : `127.0.1.${dcId}`;
}

export function selfUser(account: Account): Api.User {
  return new Api.User({
    self: true,
    id: bigInt(account.userId),
    accessHash: bigInt(account.userId * 31 + 7),
    firstName: account.firstName,
    lastName: account.lastName,
    username: account.username,
    phone: account.phone,
  });
}

export function simUser(user: SimUser): Api.User {
  return new Api.User({
    id: bigInt(user.id),
    accessHash: bigInt(user.accessHash),
    firstName: user.firstName,
    lastName: user.lastName,
    username: user.username,
    bot: user.bot,
    // bot and bot_info_version share flag 14: a bot without a version cannot be serialized.
    botInfoVersion: user.bot ? 1 : undefined,
  });
}

/**
 * A *min* user: what Telegram sends when the receiving session may not know the user fully. Its
 * access_hash is not one the server accepts in an InputPeerUser (only inputPeerUserFromMessage or
 * a later full user make the peer usable).
 */
export function minUser(user: SimUser): Api.User {
  return new Api.User({ min: true, id: bigInt(user.id), accessHash: bigInt(minAccessHash(user)), firstName: user.firstName, lastName: user.lastName });
}

export function minAccessHash(user: SimUser): string {
  return String(BigInt(user.accessHash) + 1_000_003n);
}

export function peerUser(userId: number): Api.PeerUser {
  return new Api.PeerUser({ userId: bigInt(userId) });
}

function photo(p: StoredPhoto, date: number): Api.Photo {
  return new Api.Photo({
    id: bigInt(p.id),
    accessHash: bigInt(p.accessHash),
    fileReference: Buffer.from(`ref-${p.id}`),
    date,
    dcId: DC_ID,
    sizes: [new Api.PhotoSize({ type: 'x', w: p.width, h: p.height, size: p.bytes.length })],
  });
}

const serviceActions: Record<ServiceAction, () => Api.TypeMessageAction> = {
  phoneCall: () => new Api.MessageActionPhoneCall({ callId: bigInt(1), reason: new Api.PhoneCallDiscardReasonMissed(), duration: 0 }),
  contactSignUp: () => new Api.MessageActionContactSignUp(),
  pinMessage: () => new Api.MessageActionPinMessage(),
  historyClear: () => new Api.MessageActionHistoryClear(),
};

export function message(account: Account, m: StoredMessage): Api.Message | Api.MessageService {
  if (m.service) {
    return new Api.MessageService({
      id: m.id,
      out: m.out,
      peerId: peerUser(m.peerUserId),
      fromId: peerUser(m.out ? account.userId : m.peerUserId),
      date: m.date,
      action: serviceActions[m.service](),
    });
  }
  return new Api.Message({
    id: m.id,
    out: m.out,
    peerId: peerUser(m.peerUserId),
    fromId: peerUser(m.out ? account.userId : m.peerUserId),
    date: m.date,
    message: m.text,
    media: m.photo
      ? new Api.MessageMediaPhoto({ photo: photo(m.photo, m.date) })
      : m.document
        ? documentMedia(m.document, m.date, account.homeDc)
        : undefined,
  });
}

/** The user object for the other side of a chat (a simulated user or another account). */
export function peerUserObject(world: World, userId: number): Api.User | undefined {
  const sim = world.findUser(userId);
  if (sim) return sim.minOnly ? minUser(sim) : simUser(sim);
  const other = world.accountByUserId(userId);
  return other ? new Api.User({ id: bigInt(other.userId), accessHash: bigInt(other.userId * 31 + 7), firstName: other.firstName }) : undefined;
}

export function usersFor(world: World, messages: readonly StoredMessage[]): Api.User[] {
  const ids = [...new Set(messages.map((m) => m.peerUserId))];
  return ids.map((id) => peerUserObject(world, id)).filter((u): u is Api.User => u !== undefined);
}

/**
 * How a new incoming message is pushed: text as updateShortMessage (what Telegram sends for 1:1
 * text), anything else as updates{updateNewMessage} with the sender in `users`, so the client learns
 * the sender's access_hash. A bare Update would be dropped by teleproto ("not an update").
 */
export function pushFor(world: World, account: Account, m: StoredMessage): Api.TypeUpdates {
  const shape = m.shape ?? (m.photo || m.document ? 'full' : 'short');
  if (shape === 'short') {
    return new Api.UpdateShortMessage({
      out: m.out,
      id: m.id,
      userId: bigInt(m.peerUserId),
      message: m.text,
      pts: m.pts,
      ptsCount: 1,
      date: m.date,
    });
  }
  return new Api.Updates({
    updates: [new Api.UpdateNewMessage({ message: message(account, m), pts: m.pts, ptsCount: 1 })],
    users: m.minSender ? [minUser(world.user(m.peerUserId))] : usersFor(world, [m]),
    chats: [],
    date: unixNow(),
    seq: 0,
  });
}

/** updates{updateNewChannelMessage} for a channel post or supergroup message, with the channel in `chats`. */
export function channelPush(world: World, channel: SimChannel, fromUserId: number | undefined, text: string, id: number, date: number): Api.Updates {
  const from = fromUserId === undefined ? undefined : world.findUser(fromUserId);
  return new Api.Updates({
    updates: [
      new Api.UpdateNewChannelMessage({
        message: new Api.Message({
          id,
          peerId: new Api.PeerChannel({ channelId: bigInt(channel.id) }),
          ...(from ? { fromId: peerUser(from.id) } : {}),
          post: !channel.megagroup,
          date,
          message: text,
        }),
        pts: channel.pts,
        ptsCount: 1,
      }),
    ],
    users: from ? [simUser(from)] : [],
    chats: [new Api.Channel({ id: bigInt(channel.id), accessHash: bigInt(channel.accessHash), title: channel.title, photo: new Api.ChatPhotoEmpty(), date, megagroup: channel.megagroup, broadcast: !channel.megagroup })],
    date,
    seq: 0,
  });
}

/** The partner read our messages up to `maxId` (a pts event of the common box). */
export function readOutboxUpdate(read: { peerUserId: number; maxId: number; pts: number }): Api.UpdateReadHistoryOutbox {
  return new Api.UpdateReadHistoryOutbox({ peer: peerUser(read.peerUserId), maxId: read.maxId, pts: read.pts, ptsCount: 1 });
}

export function state(account: Account): Api.updates.State {
  return new Api.updates.State({ pts: account.pts, qts: 0, date: unixNow(), seq: 0, unreadCount: 0 });
}
