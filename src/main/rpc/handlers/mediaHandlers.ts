import { msg } from '../../../shared/appMessage';
import { open, readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { mediaExportName } from '../../../shared/mediaExportName';
import { mediaReadChunkBytes, mediaStoreMaxBytes } from '../../../shared/rpc/media';
import { AppFailure } from '../../appFailure';
import type { Db } from '../../db/connection';
import { getScript } from '../../db/repositories/scriptsRepo';
import { confinedMediaFile, MediaPathError, scriptMediaRefs, storeMediaFile } from '../../media/mediaLibrary';
import type { MediaUploads } from '../../media/mediaUploads';
import type { RpcHandlers } from '../router';

const imageMimes: Record<string, string> = { '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png', '.webp': 'image/webp', '.gif': 'image/gif' };

type MediaHandlers = Pick<RpcHandlers, 'media.store' | 'media.uploadBegin' | 'media.uploadPiece' | 'media.uploadFinish' | 'media.uploadAbort' | 'media.preview' | 'media.ofScript' | 'media.read'>;

/** The editor's media picker: files go into the data folder's media library, never read from elsewhere. */
export function mediaHandlers(db: Db, dataDir: string, uploads: MediaUploads): MediaHandlers {
  return {
    'media.store': ({ name, dataBase64 }) => {
      const bytes = Buffer.from(dataBase64, 'base64');
      if (!bytes.length) throw new AppFailure('invalid_input', msg('fileEmpty'));
      if (bytes.length > mediaStoreMaxBytes) throw new AppFailure('invalid_input', msg('fileTooLarge', { mb: mediaStoreMaxBytes / 1024 / 1024 }));
      return storeMediaFile(dataDir, bytes, name);
    },
    // Larger files, piece by piece (the name is used only for its extension: the library names files by content).
    'media.uploadBegin': ({ name, size }) => uploads.begin(name, size),
    'media.uploadPiece': ({ uploadId, offset, dataBase64 }) => uploads.put(uploadId, offset, Buffer.from(dataBase64, 'base64')),
    'media.uploadFinish': ({ uploadId, sha256 }) => uploads.finish(uploadId, sha256),
    'media.uploadAbort': ({ uploadId }) => uploads.abort(uploadId),
    'media.preview': async ({ path }) => {
      let file: string;
      try {
        file = confinedMediaFile(dataDir, path);
      } catch (error) {
        if (error instanceof MediaPathError) return { dataUrl: null, size: null, problem: error.code };
        throw error;
      }
      const { size } = await stat(file);
      const mime = imageMimes[extname(file).toLowerCase()];
      // Larger images show as a file icon: a data URL of a 2 GB file would not fit in memory, let alone a reply.
      const dataUrl = mime && size <= mediaStoreMaxBytes ? `data:${mime};base64,${(await readFile(file)).toString('base64')}` : null;
      return { dataUrl, size, problem: null };
    },
    'media.ofScript': async ({ id }) => {
      const row = getScript(db, id);
      if (!row) throw new AppFailure('not_found', msg('scriptMissing', { id }));
      // By the whole path: two files with the same name in different folders are two files.
      const files = new Map<string, string>();
      for (const { path } of scriptMediaRefs(row.body)) {
        try {
          files.set(path, confinedMediaFile(dataDir, path));
        } catch (error) {
          if (!(error instanceof MediaPathError)) throw error;
        }
      }
      return Promise.all([...files].map(async ([path, file]) => ({ path, name: mediaExportName(path), size: (await stat(file)).size })));
    },
    'media.read': async ({ id, path, offset }) => {
      const row = getScript(db, id);
      if (!row) throw new AppFailure('not_found', msg('scriptMissing', { id }));
      // Only what the script sends: this reads files of the media folder, nothing the script does not name.
      if (!scriptMediaRefs(row.body).some((ref) => ref.path === path)) throw new AppFailure('not_found', msg('mediaMissing', { path }));
      let file: string;
      try {
        file = confinedMediaFile(dataDir, path);
      } catch (error) {
        if (error instanceof MediaPathError) throw new AppFailure('not_found', msg(error.code === 'media_outside' ? 'mediaOutside' : 'mediaMissing', { path }));
        throw error;
      }
      const handle = await open(file, 'r');
      try {
        const { size } = await handle.stat();
        const start = Math.min(offset, size);
        const buffer = Buffer.alloc(Math.min(mediaReadChunkBytes, size - start));
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, start);
        const end = start + bytesRead;
        return { dataBase64: buffer.subarray(0, bytesRead).toString('base64'), size, nextOffset: end < size ? end : null };
      } finally {
        await handle.close();
      }
    },
  };
}
