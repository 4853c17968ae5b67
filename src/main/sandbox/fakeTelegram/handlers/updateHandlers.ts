import { Api } from 'teleproto';
import { unixNow } from '../bytes';
import { message, readOutboxUpdate, state, usersFor } from '../tlViews';
import type { HandlerTable, RpcContext } from '../rpc';
import type { StoredMessage } from '../worldRecords';

/**
 * updates.getState / updates.getDifference with real pts accounting: every new message (incoming
 * or outgoing) advanced the account's pts by one, so the difference is exactly the messages whose
 * pts is above the client's. teleproto itself never calls getDifference; an app that persists pts
 * must, to recover what arrived while it was offline.
 */
export function registerUpdateHandlers(table: HandlerTable): void {
  table
    .on(Api.updates.GetState, (_req, ctx) => state(ctx.account()))
    .on(Api.updates.GetDifference, (req, ctx) => {
      const account = ctx.account();
      account.differenceFrom.push(req.pts);
      const { differenceSlice, differenceTooLong } = ctx.world.limits;
      if (account.pts - req.pts > differenceTooLong) return new Api.updates.DifferenceTooLong({ pts: account.pts });
      const missed = account.messagesAfter(req.pts);
      // The partners' reads of our messages come back as other_updates.
      const readsUpTo = (pts: number): Api.UpdateReadHistoryOutbox[] => account.readOutbox.filter((r) => r.pts > req.pts && r.pts <= pts).map(readOutboxUpdate);
      if (missed.length === 0) {
        // Read marks move pts without a message: the client still needs the new state.
        if (account.pts > req.pts) return emptyDifference(ctx, readsUpTo(account.pts));
        return new Api.updates.DifferenceEmpty({ date: unixNow(), seq: 0 });
      }
      if (missed.length > differenceSlice) {
        const part = missed.slice(0, differenceSlice);
        const last = part[part.length - 1] as StoredMessage;
        return new Api.updates.DifferenceSlice({
          newMessages: part.map((m) => message(account, m)),
          newEncryptedMessages: [],
          otherUpdates: readsUpTo(last.pts),
          chats: [],
          users: usersFor(ctx.world, part),
          intermediateState: new Api.updates.State({ pts: last.pts, qts: 0, date: last.date, seq: 0, unreadCount: 0 }),
        });
      }
      return new Api.updates.Difference({
        newMessages: missed.map((m) => message(account, m)),
        newEncryptedMessages: [],
        otherUpdates: readsUpTo(account.pts),
        chats: [],
        users: usersFor(ctx.world, missed),
        state: state(account),
      });
    });
}

function emptyDifference(ctx: RpcContext, otherUpdates: Api.TypeUpdate[]): Api.updates.Difference {
  return new Api.updates.Difference({ newMessages: [], newEncryptedMessages: [], otherUpdates, chats: [], users: [], state: state(ctx.account()) });
}
