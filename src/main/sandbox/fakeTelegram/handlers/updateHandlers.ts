import { Api } from 'teleproto';
import { unixNow } from '../bytes';
import { message, state, usersFor } from '../tlViews';
import type { HandlerTable } from '../rpc';

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
      const missed = account.messagesAfter(req.pts);
      if (missed.length === 0) return new Api.updates.DifferenceEmpty({ date: unixNow(), seq: 0 });
      return new Api.updates.Difference({
        newMessages: missed.map((m) => message(account, m)),
        newEncryptedMessages: [],
        otherUpdates: [],
        chats: [],
        users: usersFor(ctx.world, missed),
        state: state(account),
      });
    });
}
