import { Api } from 'teleproto';
import { unixNow } from '../bytes';
import { RpcFailure, type HandlerTable, type RpcContext } from '../rpc';
import { requireFileDc } from './dcHandlers';

/**
 * upload.getFile for photos and documents. Telegram checks the location's access_hash and its
 * file_reference: a reference from an old copy of the message answers FILE_REFERENCE_EXPIRED, and
 * the client must fetch the message again for a fresh one.
 */
export function registerFileHandlers(table: HandlerTable): void {
  table.on(Api.upload.GetFile, (req, ctx) => {
    ctx.account();
    const { bytes, type } = locate(ctx, req.location);
    const offset = req.offset.toJSNumber();
    // A chunk shorter than `limit` tells the client the file is complete.
    return new Api.upload.File({ type, mtime: unixNow(), bytes: bytes.subarray(offset, offset + req.limit) });
  });
}

function locate(ctx: RpcContext, location: Api.TypeInputFileLocation): { bytes: Buffer; type: Api.storage.TypeFileType } {
  if (location instanceof Api.InputPhotoFileLocation) {
    const photo = ctx.world.photo(location.id.toString());
    if (!photo || photo.accessHash !== location.accessHash.toString()) throw new RpcFailure(400, 'FILE_REFERENCE_EXPIRED');
    requireFileDc(ctx, ctx.world.account(ctx.auth.accountPhone ?? '').homeDc);
    return { bytes: photo.bytes, type: new Api.storage.FileJpeg() };
  }
  if (location instanceof Api.InputDocumentFileLocation) {
    const document = ctx.world.document(location.id.toString());
    if (!document || document.accessHash !== location.accessHash.toString()) throw new RpcFailure(400, 'FILE_ID_INVALID');
    if (!document.fileReference.equals(Buffer.from(location.fileReference))) throw new RpcFailure(400, 'FILE_REFERENCE_EXPIRED');
    requireFileDc(ctx, document.dcId ?? ctx.world.account(ctx.auth.accountPhone ?? '').homeDc);
    return { bytes: document.bytes, type: new Api.storage.FileUnknown() };
  }
  throw new RpcFailure(400, 'LOCATION_INVALID');
}
