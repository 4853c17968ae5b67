import { randomBytes } from 'node:crypto';
import { Api } from 'teleproto';
import { bigInt } from '../../../telegram/bigInteger';
import { unixNow } from '../bytes';
import { RpcFailure, type HandlerTable, type RpcContext } from '../rpc';
import { selfUser } from '../tlViews';
import type { LoginTokenRecord } from '../world';
import type { Account } from '../account';

/**
 * QR login as Telegram documents it (core.telegram.org/api/qr-login): the new client exports a
 * token (shown as `tg://login?token=…`), an already signed-in client accepts it, the new client
 * gets updateLoginToken and exports again to receive the authorization — or loginTokenMigrateTo
 * when the account lives on another DC, where it imports the token. 2FA answers
 * SESSION_PASSWORD_NEEDED at that point, like a code login.
 */
export function registerQrLoginHandlers(table: HandlerTable): void {
  table
    .on(Api.auth.ExportLoginToken, (_req, ctx) => {
      const accepted = [...ctx.world.loginTokens.values()].find((t) => t.keyId === ctx.auth.keyId && t.acceptedBy !== undefined);
      if (accepted) {
        const account = acceptedAccount(ctx, accepted);
        const home = account.homeDc;
        if (ctx.dcId !== home) return new Api.auth.LoginTokenMigrateTo({ dcId: home, token: accepted.token });
        return complete(ctx, account, accepted);
      }
      // A fresh export replaces this key's earlier, unscanned tokens.
      for (const [hex, t] of ctx.world.loginTokens) if (t.keyId === ctx.auth.keyId) ctx.world.loginTokens.delete(hex);
      const record: LoginTokenRecord = { token: randomBytes(32), keyId: ctx.auth.keyId, expires: unixNow() + ctx.world.loginTokenTtlSeconds };
      ctx.world.loginTokens.set(record.token.toString('hex'), record);
      return new Api.auth.LoginToken({ expires: record.expires, token: record.token });
    })
    .on(Api.auth.ImportLoginToken, (req, ctx) => {
      const record = liveToken(ctx, req.token);
      if (record.acceptedBy === undefined) throw new RpcFailure(400, 'AUTH_TOKEN_INVALID');
      const account = acceptedAccount(ctx, record);
      const home = account.homeDc;
      if (ctx.dcId !== home) return new Api.auth.LoginTokenMigrateTo({ dcId: home, token: record.token });
      return complete(ctx, account, record);
    })
    .on(Api.auth.AcceptLoginToken, (req, ctx) => {
      const scanner = ctx.account();
      const record = liveToken(ctx, req.token);
      if (record.acceptedBy !== undefined) throw new RpcFailure(400, 'AUTH_TOKEN_ALREADY_ACCEPTED');
      ctx.world.loginTokenAccepted(record, scanner.phone);
      // The new session as the scanning app lists it.
      return new Api.Authorization({
        hash: bigInt(randomBytes(4).readUInt32LE(0)),
        deviceModel: 'Voronka',
        platform: 'desktop',
        systemVersion: '',
        apiId: 0,
        appName: 'Voronka',
        appVersion: '1.0',
        dateCreated: unixNow(),
        dateActive: unixNow(),
        ip: '127.0.0.1',
        country: '',
        region: '',
      });
    });
}

function liveToken(ctx: RpcContext, token: Buffer): LoginTokenRecord {
  const record = ctx.world.loginTokens.get(Buffer.from(token).toString('hex'));
  if (!record) throw new RpcFailure(400, 'AUTH_TOKEN_INVALID');
  if (record.expires < unixNow()) throw new RpcFailure(400, 'AUTH_TOKEN_EXPIRED');
  return record;
}

function acceptedAccount(ctx: RpcContext, record: LoginTokenRecord): Account {
  const account = record.acceptedBy === undefined ? undefined : ctx.world.findAccount(record.acceptedBy);
  if (!account) throw new RpcFailure(400, 'AUTH_TOKEN_INVALID');
  return account;
}

/** The token is used up; this key signs in (or waits for the 2FA password). */
function complete(ctx: RpcContext, account: Account, record: LoginTokenRecord): Api.auth.LoginTokenSuccess {
  ctx.world.loginTokens.delete(record.token.toString('hex'));
  if (account.srp) {
    ctx.auth.pendingPasswordPhone = account.phone;
    throw new RpcFailure(401, 'SESSION_PASSWORD_NEEDED');
  }
  ctx.auth.accountPhone = account.phone;
  return new Api.auth.LoginTokenSuccess({ authorization: new Api.auth.Authorization({ user: selfUser(account) }) });
}
