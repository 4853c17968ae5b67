import { Api } from 'teleproto';
import { boolTrue } from '../bytes';
import { message, peerUser, usersFor } from '../tlViews';
import type { StoredMessage } from '../worldRecords';
import { checkMessageText } from '../media';
import { resolvePeerUser, RpcFailure, type HandlerTable } from '../rpc';

/** Private-chat messaging: send (with random_id de-duplication), typing, read marks, dialogs, history. */
export function registerMessageHandlers(table: HandlerTable): void {
  table
    .on(Api.messages.SendMessage, async (req, ctx) => {
      const account = ctx.account();
      const peerUserId = resolvePeerUser(ctx, req.peer);
      if (req.randomId === undefined) throw new RpcFailure(400, 'RANDOM_ID_EMPTY');
      checkMessageText(req.message);
      const randomId = req.randomId.toString();
      // The same random_id while the first call is still being processed: Telegram answers
      // 500 RANDOM_ID_DUPLICATE (core.telegram.org/method/messages.sendMessage); once the first
      // is done, a repeat is that same message.
      if (account.sendsInFlight.has(randomId)) throw new RpcFailure(500, 'RANDOM_ID_DUPLICATE');
      if (ctx.faults.completedSendDuplicates && account.messageForRandomId(randomId)) throw new RpcFailure(500, 'RANDOM_ID_DUPLICATE');
      if (!account.messageForRandomId(randomId)) {
        account.sendsInFlight.add(randomId);
        try {
          await ctx.faults.sendGateOpen(peerUserId);
        } finally {
          account.sendsInFlight.delete(randomId);
        }
      }
      const { message: m } = account.send(peerUserId, req.message, randomId);
      // The short form is what Telegram answers for a plain 1:1 text; teleproto turns it into a Message.
      return new Api.UpdateShortSentMessage({ out: true, id: m.id, pts: m.pts, ptsCount: 1, date: m.date });
    })
    .on(Api.messages.SetTyping, (req, ctx) => {
      const account = ctx.account();
      const peerUserId = resolvePeerUser(ctx, req.peer);
      account.typing.push({ peerUserId, action: req.action.className, time: Date.now() });
      return boolTrue();
    })
    .on(Api.messages.ReadHistory, (req, ctx) => {
      const account = ctx.account();
      const peerUserId = resolvePeerUser(ctx, req.peer);
      account.reads.push({ peerUserId, maxId: req.maxId, time: Date.now() });
      // A read mark is one pts event of the common box, like a new message.
      return new Api.messages.AffectedMessages(account.markRead());
    })
    .on(Api.messages.ReadMentions, (_req, ctx) => {
      const account = ctx.account();
      return new Api.messages.AffectedHistory({ pts: account.pts, ptsCount: 0, offset: 0 });
    })
    .on(Api.messages.GetDialogs, (_req, ctx) => {
      const account = ctx.account();
      // teleproto's Dialog wrapper needs each dialog's top_message in `messages` and its peer in `users`.
      const tops = new Map<number, StoredMessage>();
      for (const m of account.messages) tops.set(m.peerUserId, m);
      const latestFirst = [...tops.values()].sort((a, b) => b.id - a.id);
      return new Api.messages.Dialogs({
        dialogs: latestFirst.map(
          (m) =>
            new Api.Dialog({
              peer: peerUser(m.peerUserId),
              topMessage: m.id,
              readInboxMaxId: 0,
              readOutboxMaxId: 0,
              unreadCount: 0,
              unreadMentionsCount: 0,
              unreadReactionsCount: 0,
              notifySettings: new Api.PeerNotifySettings({}),
            }),
        ),
        messages: latestFirst.map((m) => message(account, m)),
        chats: [],
        users: usersFor(ctx.world, latestFirst),
      });
    })
    .on(Api.messages.GetMessages, (req, ctx) => {
      // Private-chat messages by id (with fresh file references), as clients refetch them.
      const account = ctx.account();
      const ids = new Set(req.id.map((i) => (i instanceof Api.InputMessageID ? i.id : -1)));
      const found = account.messages.filter((m) => ids.has(m.id));
      return new Api.messages.Messages({ messages: found.map((m) => message(account, m)), chats: [], users: usersFor(ctx.world, found) });
    })
    .on(Api.messages.GetHistory, (req, ctx) => {
      const account = ctx.account();
      const peerUserId = resolvePeerUser(ctx, req.peer);
      const chat = account.messages
        .filter((m) => m.peerUserId === peerUserId && (req.offsetId === 0 || m.id < req.offsetId))
        .sort((a, b) => b.id - a.id)
        .slice(0, req.limit > 0 ? req.limit : 100);
      return new Api.messages.Messages({
        messages: chat.map((m) => message(account, m)),
        chats: [],
        users: usersFor(ctx.world, chat),
      });
    });
}
