import { Api } from 'teleproto';
import { boolTrue, unixNow } from '../bytes';
import { message, usersFor } from '../tlViews';
import { checkCaption, kindOfUpload } from '../media';
import { resolvePeerUser, RpcFailure, type HandlerTable } from '../rpc';

/**
 * Telegram's upload limits (https://core.telegram.org/api/files): a part is at most 512 KB, and a big
 * file (over 10 MB, saveBigFilePart) at most 4000 parts for an account without Premium
 * (`upload_max_fileparts_default`), so 2000 MB — the cap the media library applies.
 */
const maxPartBytes = 512 * 1024;
const maxFileParts = 4000;

/** Sending media: upload.saveFilePart/saveBigFilePart, then messages.sendMedia(inputMediaUploadedPhoto/Document). */
export function registerMediaHandlers(table: HandlerTable): void {
  table
    .on(Api.upload.SaveFilePart, (req, ctx) => {
      ctx.account();
      if (req.bytes.length > maxPartBytes) throw new RpcFailure(400, 'FILE_PART_TOO_BIG');
      ctx.world.saveFilePart(req.fileId.toString(), req.filePart, req.bytes);
      return boolTrue();
    })
    .on(Api.upload.SaveBigFilePart, (req, ctx) => {
      ctx.account();
      if (req.bytes.length > maxPartBytes) throw new RpcFailure(400, 'FILE_PART_TOO_BIG');
      if (req.fileTotalParts > maxFileParts || req.filePart >= req.fileTotalParts) throw new RpcFailure(400, 'FILE_PARTS_INVALID');
      ctx.world.saveFilePart(req.fileId.toString(), req.filePart, req.bytes);
      return boolTrue();
    })
    .on(Api.messages.SendMedia, (req, ctx) => {
      const account = ctx.account();
      const peerUserId = resolvePeerUser(ctx, req.peer);
      const media = req.media;
      if (!(media instanceof Api.InputMediaUploadedPhoto || media instanceof Api.InputMediaUploadedDocument)) throw new RpcFailure(400, 'MEDIA_INVALID');
      if (req.randomId === undefined) throw new RpcFailure(400, 'RANDOM_ID_EMPTY');
      checkCaption(req.message);
      const file = media.file;
      if (!(file instanceof Api.InputFile || file instanceof Api.InputFileBig)) throw new RpcFailure(400, 'FILE_PARTS_INVALID');
      const randomId = req.randomId.toString();
      // A repeated random_id is the same message (its upload was already claimed by the first send).
      let m = account.messageForRandomId(randomId);
      if (m && ctx.faults.completedSendDuplicates) throw new RpcFailure(500, 'RANDOM_ID_DUPLICATE');
      if (!m) {
        const bytes = ctx.world.takeUpload(file.id.toString(), file.parts);
        if (!bytes) throw new RpcFailure(400, 'FILE_PARTS_INVALID');
        if (media instanceof Api.InputMediaUploadedPhoto) {
          m = account.send(peerUserId, req.message, randomId, { photo: ctx.world.storePhoto(bytes) }).message;
        } else {
          const kind = kindOfUpload(media.mimeType, media.attributes);
          const fileName = media.attributes.find((a): a is Api.DocumentAttributeFilename => a instanceof Api.DocumentAttributeFilename)?.fileName;
          const document = ctx.world.storeDocument(kind, bytes, { mimeType: media.mimeType, ...(fileName ? { fileName } : {}) });
          m = account.send(peerUserId, req.message, randomId, { document }).message;
        }
      }
      // Real Telegram answers sendMedia with updates{updateMessageID, updateNewMessage}; teleproto
      // maps the message back to the request through updateMessageID's random_id.
      return new Api.Updates({
        updates: [
          new Api.UpdateMessageID({ id: m.id, randomId: req.randomId }),
          new Api.UpdateNewMessage({ message: message(account, m), pts: m.pts, ptsCount: 1 }),
        ],
        users: usersFor(ctx.world, [m]),
        chats: [],
        date: unixNow(),
        seq: 0,
      });
    });
}
