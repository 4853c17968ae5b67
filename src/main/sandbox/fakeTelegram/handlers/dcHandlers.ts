import { randomBytes } from 'node:crypto';
import { bigInt } from '../../../telegram/bigInteger';
import { Api } from 'teleproto';
import { selfUser } from '../tlViews';
import { RpcFailure, type HandlerTable, type RpcContext } from '../rpc';
import type { Account } from '../account';

/**
 * Two data centres. An account lives on its home DC: a login started elsewhere is sent there with
 * 303 PHONE_MIGRATE_<dc> (auth.sendCode) or USER_MIGRATE_<dc> (auth.signIn), and the client
 * switches (a new auth key on that DC). Files live on a DC too: upload.getFile elsewhere answers
 * 303 FILE_MIGRATE_<dc>, and a client reaches them with a key of that DC signed in through
 * auth.exportAuthorization (home DC) → auth.importAuthorization (file DC).
 */
export function registerDcHandlers(table: HandlerTable): void {
  const exported = new Map<string, { phone: string; dcId: number; bytes: Buffer }>();
  table
    .on(Api.auth.ExportAuthorization, (req, ctx) => {
      const account = ctx.account();
      if (req.dcId === ctx.dcId) throw new RpcFailure(400, 'DC_ID_INVALID');
      const id = randomBytes(6).readUIntLE(0, 6);
      const bytes = randomBytes(32);
      exported.set(String(id), { phone: account.phone, dcId: req.dcId, bytes });
      return new Api.auth.ExportedAuthorization({ id: bigInt(id), bytes });
    })
    .on(Api.auth.ImportAuthorization, (req, ctx) => {
      const grant = exported.get(req.id.toString());
      // Valid once, only on the DC it was exported for, with its bytes.
      if (!grant || grant.dcId !== ctx.dcId || !grant.bytes.equals(Buffer.from(req.bytes))) throw new RpcFailure(400, 'AUTH_BYTES_INVALID');
      exported.delete(req.id.toString());
      ctx.auth.accountPhone = grant.phone;
      return new Api.auth.Authorization({ user: selfUser(ctx.world.account(grant.phone)) });
    });
}

/** Login steps for an account that lives on another DC are refused with its DC, as Telegram does. */
export function requireHomeDc(ctx: RpcContext, account: Account, error: 'PHONE_MIGRATE' | 'USER_MIGRATE'): void {
  if (account.homeDc !== ctx.dcId) throw new RpcFailure(303, `${error}_${account.homeDc}`);
}

/** A file stored on another DC is served only there. */
export function requireFileDc(ctx: RpcContext, fileDc: number): void {
  if (fileDc !== ctx.dcId) throw new RpcFailure(303, `FILE_MIGRATE_${fileDc}`);
}
