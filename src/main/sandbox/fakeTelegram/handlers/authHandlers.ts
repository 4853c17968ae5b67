import { Api } from 'teleproto';
import { selfUser } from '../tlViews';
import { normalizePhone, type Account } from '../world';
import { RpcFailure, type HandlerTable, type RpcContext } from '../rpc';
import { requireHomeDc } from './dcHandlers';

/**
 * Login: auth.sendCode → auth.signIn (→ SESSION_PASSWORD_NEEDED → account.getPassword →
 * auth.checkPassword). Success binds the connection's auth key to the account, which is what makes
 * later calls (and saved StringSessions) "logged in".
 */
export function registerAuthHandlers(table: HandlerTable): void {
  table
    .on(Api.auth.SendCode, (req, ctx) => {
      const account = knownAccount(ctx, req.phoneNumber);
      requireHomeDc(ctx, account, 'PHONE_MIGRATE');
      return new Api.auth.SentCode({
        type: new Api.auth.SentCodeTypeApp({ length: account.code.length }),
        phoneCodeHash: codeHash(account),
      });
    })
    .on(Api.auth.SignIn, (req, ctx) => {
      const account = knownAccount(ctx, req.phoneNumber);
      requireHomeDc(ctx, account, 'USER_MIGRATE');
      if (req.phoneCodeHash !== codeHash(account)) throw new RpcFailure(400, 'PHONE_CODE_HASH_EMPTY');
      if (req.phoneCode !== account.code) throw new RpcFailure(400, 'PHONE_CODE_INVALID');
      if (account.srp) {
        ctx.auth.pendingPasswordPhone = account.phone;
        throw new RpcFailure(401, 'SESSION_PASSWORD_NEEDED');
      }
      return signedIn(ctx, account);
    })
    .on(Api.account.GetPassword, (_req, ctx) => {
      const account = passwordAccount(ctx);
      if (account?.srp) return account.srp.passwordInfo();
      return new Api.account.Password({
        hasPassword: false,
        newAlgo: new Api.PasswordKdfAlgoUnknown(),
        newSecureAlgo: new Api.SecurePasswordKdfAlgoUnknown(),
        secureRandom: Buffer.alloc(32, 7),
      });
    })
    .on(Api.auth.CheckPassword, (req, ctx) => {
      const account = passwordAccount(ctx);
      if (!account?.srp) throw new RpcFailure(400, 'PASSWORD_HASH_INVALID');
      if (!account.srp.check(req.password)) throw new RpcFailure(400, 'PASSWORD_HASH_INVALID');
      return signedIn(ctx, account);
    })
    .on(Api.auth.LogOut, (_req, ctx) => {
      delete ctx.auth.accountPhone;
      return new Api.auth.LoggedOut({});
    });
}

function knownAccount(ctx: RpcContext, phone: string): Account {
  const account = ctx.world.findAccount(phone);
  if (!account) throw new RpcFailure(400, 'PHONE_NUMBER_INVALID');
  return account;
}

function codeHash(account: Account): string {
  return `hash-${normalizePhone(account.phone)}`;
}

/** The account mid-2FA on this key, or the signed-in one (getPassword is also valid after login). */
function passwordAccount(ctx: RpcContext): Account | undefined {
  const phone = ctx.auth.pendingPasswordPhone ?? ctx.auth.accountPhone;
  return phone === undefined ? undefined : ctx.world.findAccount(phone);
}

function signedIn(ctx: RpcContext, account: Account): Api.auth.Authorization {
  ctx.auth.accountPhone = account.phone;
  delete ctx.auth.pendingPasswordPhone;
  return new Api.auth.Authorization({ user: selfUser(account) });
}
