import { Api } from 'teleproto';
import { unixNow, vector } from '../bytes';
import { DC_ID, dcAddress, otherDcIds, peerUser, peerUserObject, selfUser, simUser } from '../tlViews';
import { fromMessageUser, RpcFailure, type HandlerTable, type RpcContext } from '../rpc';

/** Config, users, username resolution and file download. */
export function registerInfoHandlers(table: HandlerTable): void {
  table
    .on(Api.help.GetConfig, (_req, ctx) => config(ctx))
    .on(Api.users.GetUsers, (req, ctx) => {
      // Raw Vector<User>; unknown ids and wrong access hashes are left out, as Telegram does.
      const users = req.id.map((input) => inputUser(ctx, input)).filter((u): u is Api.User => u !== undefined);
      return vector(users);
    })
    .on(Api.users.GetFullUser, (req, ctx) => {
      const user = inputUser(ctx, req.id);
      if (!user) throw new RpcFailure(400, 'USER_ID_INVALID');
      return new Api.users.UserFull({
        fullUser: new Api.UserFull({
          id: user.id,
          settings: new Api.PeerSettings({}),
          notifySettings: new Api.PeerNotifySettings({}),
          commonChatsCount: 0,
        }),
        chats: [],
        users: [user],
      });
    })
    .on(Api.contacts.ResolveUsername, (req, ctx) => {
      ctx.account();
      const user = ctx.world.userByUsername(req.username);
      if (!user) throw new RpcFailure(400, 'USERNAME_NOT_OCCUPIED');
      return new Api.contacts.ResolvedPeer({ peer: peerUser(user.id), chats: [], users: [simUser(user)] });
    });
}

/** `input` is typed EntityLike by the client API; on the wire it is an InputUser. */
function inputUser(ctx: RpcContext, input: unknown): Api.User | undefined {
  const account = ctx.account();
  if (input instanceof Api.InputUserSelf) return selfUser(account);
  if (input instanceof Api.InputUser) {
    const id = input.userId.toJSNumber();
    if (id === account.userId) return selfUser(account);
    // The same check as for peers: a min user's hash (or any other) is not the real one.
    const valid = ctx.world.findUser(id)?.accessHash ?? (ctx.world.accountByUserId(id) ? String(id * 31 + 7) : undefined);
    return valid === input.accessHash.toString() ? peerUserObject(ctx.world, id) : undefined;
  }
  if (input instanceof Api.InputUserFromMessage) {
    const id = fromMessageUser(ctx, input.peer, input.msgId, input.userId.toJSNumber());
    return id === undefined ? undefined : peerUserObject(ctx.world, id);
  }
  return undefined;
}

/**
 * help.getConfig. teleproto reads dc_options to find a DC (a download's, or a migration's); each
 * DC has its own loopback address, which the client's socket redirect maps to that DC's listener
 * (teleproto always dials 443 for other DCs regardless of what is written here).
 */
function config(ctx: RpcContext): Api.Config {
  const now = unixNow();
  return new Api.Config({
    date: now,
    expires: now + 3600,
    testMode: false,
    thisDc: ctx.dcId,
    dcOptions: [DC_ID, ...otherDcIds].map((id) => new Api.DcOption({ id, ipAddress: dcAddress(id), port: 443 })),
    dcTxtDomainName: '',
    chatSizeMax: 200,
    megagroupSizeMax: 200000,
    forwardedCountMax: 100,
    onlineUpdatePeriodMs: 210000,
    offlineBlurTimeoutMs: 5000,
    offlineIdleTimeoutMs: 30000,
    onlineCloudTimeoutMs: 300000,
    notifyCloudDelayMs: 30000,
    notifyDefaultDelayMs: 1500,
    pushChatPeriodMs: 60000,
    pushChatLimit: 2,
    editTimeLimit: 172800,
    revokeTimeLimit: 172800,
    revokePmTimeLimit: 172800,
    ratingEDecay: 2419200,
    stickersRecentLimit: 200,
    channelsReadMediaPeriod: 604800,
    callReceiveTimeoutMs: 20000,
    callRingTimeoutMs: 90000,
    callConnectTimeoutMs: 30000,
    callPacketTimeoutMs: 10000,
    meUrlPrefix: 'https://t.me/',
    captionLengthMax: 1024,
    messageLengthMax: 4096,
    webfileDcId: 4,
  });
}
