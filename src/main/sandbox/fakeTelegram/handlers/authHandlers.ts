import { Api } from 'teleproto';
import { selfUser } from '../tlViews';
import { normalizePhone, type Account } from '../account';
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
      account.resends = 0;
      return sentCode(account);
    })
    .on(Api.auth.ResendCode, (req, ctx) => {
      const account = knownAccount(ctx, req.phoneNumber);
      requireHomeDc(ctx, account, 'PHONE_MIGRATE');
      if (req.phoneCodeHash !== codeHash(account)) throw new RpcFailure(400, 'PHONE_CODE_HASH_EMPTY');
      // Telegram offers the next way only once (app → SMS → call); asking past the last one fails.
      if (account.codeVia !== 'app' || account.resends >= 2) throw new RpcFailure(400, 'SEND_CODE_UNAVAILABLE');
      account.resends += 1;
      return sentCode(account);
    })
    .on(Api.auth.SignIn, (req, ctx) => {
      const account = knownAccount(ctx, req.phoneNumber);
      requireHomeDc(ctx, account, 'USER_MIGRATE');
      if (req.phoneCodeHash !== codeHash(account)) throw new RpcFailure(400, 'PHONE_CODE_HASH_EMPTY');
      if (account.codeVia === 'email') {
        // A code sent by e-mail is entered as email_verification, not as phone_code.
        const verification = req.emailVerification;
        if (!(verification instanceof Api.EmailVerificationCode) || verification.code !== account.code) throw new RpcFailure(400, 'EMAIL_CODE_INVALID');
      } else if (req.phoneCode !== account.code) {
        throw new RpcFailure(400, 'PHONE_CODE_INVALID');
      }
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

/** auth.sentCode for where the code goes now: app first (SMS offered after 30 s), then SMS, then a call. */
function sentCode(account: Account): Api.auth.SentCode {
  const length = account.code.length;
  const phoneCodeHash = codeHash(account);
  switch (account.codeVia) {
    case 'email':
      return new Api.auth.SentCode({ type: new Api.auth.SentCodeTypeEmailCode({ emailPattern: account.emailPattern, length }), phoneCodeHash });
    case 'email_setup_required':
      return new Api.auth.SentCode({ type: new Api.auth.SentCodeTypeSetUpEmailRequired({}), phoneCodeHash });
    case 'sms':
      return new Api.auth.SentCode({ type: new Api.auth.SentCodeTypeSms({ length }), phoneCodeHash });
    case 'app': {
      if (account.resends === 0) return new Api.auth.SentCode({ type: new Api.auth.SentCodeTypeApp({ length }), phoneCodeHash, nextType: new Api.auth.CodeTypeSms(), timeout: 30 });
      if (account.resends === 1) return new Api.auth.SentCode({ type: new Api.auth.SentCodeTypeSms({ length }), phoneCodeHash, nextType: new Api.auth.CodeTypeCall(), timeout: 60 });
      return new Api.auth.SentCode({ type: new Api.auth.SentCodeTypeCall({ length }), phoneCodeHash });
    }
  }
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
