import { Api } from 'teleproto';
import type { Faults } from './faults';
import type { World } from './world';
import type { Account } from './account';

/** The shared vocabulary of RPC handlers: how they fail, what they see, how they are registered. */

/** Thrown by a handler to answer with rpc_error{code, message}. */
export class RpcFailure extends Error {
  constructor(
    readonly code: number,
    readonly errorMessage: string,
  ) {
    super(`${code} ${errorMessage}`);
  }
}

/** Login state of one auth key: which account it is signed in as, or which phone is mid-login. */
export interface AuthKeyRecord {
  keyId: string;
  key: Buffer;
  /** The data centre that made the key; other DCs do not know it. */
  dcId: number;
  accountPhone?: string;
  /** Set after SESSION_PASSWORD_NEEDED until auth.checkPassword succeeds. */
  pendingPasswordPhone?: string;
  /** The last initConnection on this key: the app and device the session presents. */
  initConnection?: InitConnectionRecord;
  /** Killed by Telegram for being used from two places at once (AUTH_KEY_DUPLICATED). */
  duplicated?: boolean;
}

export interface InitConnectionRecord {
  apiId: number;
  deviceModel: string;
  systemVersion: string;
  appVersion: string;
  langCode: string;
  systemLangCode: string;
}

export interface RpcContext {
  world: World;
  faults: Faults;
  auth: AuthKeyRecord;
  /** The data centre answering (the listener the client dialed). */
  dcId: number;
  /** The signed-in account, or a 401 AUTH_KEY_UNREGISTERED (which teleproto's start() reads as "not logged in"). */
  account(): Account;
}

/** A TL object, or raw bytes for shapes without an Api class (Vector<User>, boolTrue). */
export type RpcReply = { getBytes(): Buffer } | Buffer;

type RequestClass<T> = abstract new (...args: never[]) => T;
type Handler = (req: never, ctx: RpcContext) => RpcReply | Promise<RpcReply>;

export class HandlerTable {
  private readonly handlers = new Map<unknown, Handler>();

  on<T>(ctor: RequestClass<T>, handler: (req: T, ctx: RpcContext) => RpcReply | Promise<RpcReply>): this {
    this.handlers.set(ctor, handler as Handler);
    return this;
  }

  find(request: object): ((req: object, ctx: RpcContext) => RpcReply | Promise<RpcReply>) | undefined {
    return this.handlers.get(request.constructor) as ((req: object, ctx: RpcContext) => RpcReply | Promise<RpcReply>) | undefined;
  }
}

/** The user a request is aimed at (its `peer` or `id` InputUser/InputPeerUser), for fault matching. */
export function targetUserId(request: object): number | undefined {
  const peer: unknown = 'peer' in request ? request.peer : undefined;
  if (peer instanceof Api.InputPeerUser || peer instanceof Api.InputUser || peer instanceof Api.InputPeerUserFromMessage) return peer.userId.toJSNumber();
  return undefined;
}

/**
 * Resolves an InputPeer to a known private-chat partner, checking the access_hash like Telegram.
 * Request fields are typed as the client's EntityLike, but on the wire they are always InputPeers.
 */
export function resolvePeerUser(ctx: RpcContext, peer: unknown): number {
  if (peer instanceof Api.InputPeerUser) {
    const id = peer.userId.toJSNumber();
    const sim = ctx.world.findUser(id);
    if (sim && sim.accessHash === peer.accessHash.toString()) return id;
    const other = ctx.world.accountByUserId(id);
    if (other && String(other.userId * 31 + 7) === peer.accessHash.toString()) return id;
  }
  if (peer instanceof Api.InputPeerUserFromMessage) {
    const userId = fromMessageUser(ctx, peer.peer, peer.msgId, peer.userId.toJSNumber());
    if (userId !== undefined) return userId;
  }
  if (peer instanceof Api.InputPeerSelf) return ctx.account().userId;
  throw new RpcFailure(400, 'PEER_ID_INVALID');
}

/**
 * inputPeerUserFromMessage / inputUserFromMessage: a user known only as a *min* user, named by a
 * message they sent. Valid only if that message exists in the named chat and really came from
 * that user; anything else is refused like a wrong access_hash. Private-chat messages live in the
 * account's common message box (ids are per account, not per chat), which the fake names with
 * inputPeerSelf; a private chat named by a valid inputPeerUser works too.
 */
export function fromMessageUser(ctx: RpcContext, chat: unknown, msgId: number, userId: number): number | undefined {
  const account = ctx.account();
  const chatUserId = chat instanceof Api.InputPeerSelf ? undefined : chat instanceof Api.InputPeerUser ? resolvePeerUser(ctx, chat) : null;
  if (chatUserId === null) return undefined;
  const seen = account.messages.some((m) => m.id === msgId && !m.out && m.peerUserId === userId && (chatUserId === undefined || m.peerUserId === chatUserId));
  return seen ? userId : undefined;
}
