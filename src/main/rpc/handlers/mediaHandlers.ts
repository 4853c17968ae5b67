import { msg } from '../../../shared/appMessage';
import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { mediaFileMaxBytes } from '../../../shared/rpc/media';
import { AppFailure } from '../../appFailure';
import type { Db } from '../../db/connection';
import { getScript } from '../../db/repositories/scriptsRepo';
import { confinedMediaFile, MediaPathError, scriptMediaRefs, storeMediaFile } from '../../media/mediaLibrary';
import type { RpcHandlers } from '../router';

const imageMimes: Record<string, string> = { '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png', '.webp': 'image/webp', '.gif': 'image/gif' };

/** The editor's media picker: files go into the data folder's media library, never read from elsewhere. */
export function mediaHandlers(db: Db, dataDir: string): Pick<RpcHandlers, 'media.store' | 'media.preview' | 'media.ofScript'> {
  return {
    'media.store': ({ name, dataBase64 }) => {
      const bytes = Buffer.from(dataBase64, 'base64');
      if (!bytes.length) throw new AppFailure('invalid_input', msg('fileEmpty'));
      if (bytes.length > mediaFileMaxBytes) throw new AppFailure('invalid_input', msg('fileTooLarge', { mb: mediaFileMaxBytes / 1024 / 1024 }));
      return storeMediaFile(dataDir, bytes, name);
    },
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
      const dataUrl = mime && size <= mediaFileMaxBytes ? `data:${mime};base64,${(await readFile(file)).toString('base64')}` : null;
      return { dataUrl, size, problem: null };
    },
    'media.ofScript': async ({ id }) => {
      const row = getScript(db, id);
      if (!row) throw new AppFailure('not_found', msg('scriptMissing', { id }));
      const files = new Map<string, string>();
      for (const { path } of scriptMediaRefs(row.body)) {
        try {
          files.set(basename(path), confinedMediaFile(dataDir, path));
        } catch (error) {
          if (!(error instanceof MediaPathError)) throw error;
        }
      }
      return Promise.all([...files].map(async ([name, file]) => ({ name, dataBase64: (await readFile(file)).toString('base64') })));
    },
  };
}
