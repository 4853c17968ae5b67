import { accessSync, constants, statSync } from 'node:fs';
import { basename, isAbsolute, join } from 'node:path';
import { isMediaFolderPath } from '../../shared/script';
import type { Db } from '../db/connection';
import type { Logger } from '../log';
import { storeMediaFileFrom } from './mediaLibrary';

interface LooseScript {
  flows?: { steps?: { messages?: { media?: { path?: unknown } }[] }[] }[];
}

/**
 * Scripts saved before the media folder rule name their files by an absolute path or one relative to
 * the data folder. At start-up each such file that is still readable is copied into the media library
 * and the script (published body and draft) points at the copy; a file that cannot be read keeps its
 * path and shows as a validation problem in the editor ("pick the file again"). Runs every start: it
 * only touches paths outside `media/`, so once adopted nothing is left to do.
 */
export function adoptLegacyScriptMedia(db: Db, dataDir: string, log: Logger): { adopted: number; missing: number } {
  const rows = db.prepare('SELECT id, body, draft FROM scripts').all() as { id: number; body: string; draft: string | null }[];
  let adopted = 0;
  let missing = 0;
  const adopt = (json: string | null): string | null => {
    if (json === null) return null;
    let script: LooseScript;
    try {
      script = JSON.parse(json) as LooseScript;
    } catch {
      return null; // a damaged body is reported where it is read
    }
    let changed = false;
    for (const flow of script.flows ?? [])
      for (const step of flow.steps ?? [])
        for (const message of step.messages ?? []) {
          const path = message.media?.path;
          if (!message.media || typeof path !== 'string' || isMediaFolderPath(path)) continue;
          const file = isAbsolute(path) ? path : join(dataDir, path);
          try {
            if (!statSync(file).isFile()) throw new Error('not a file');
            accessSync(file, constants.R_OK);
          } catch {
            missing += 1;
            continue;
          }
          // Copied from disk piece by piece: an old script's video may be larger than memory allows.
          message.media.path = storeMediaFileFrom(dataDir, file, basename(file)).path;
          adopted += 1;
          changed = true;
        }
    return changed ? JSON.stringify(script) : null;
  };
  const update = db.prepare('UPDATE scripts SET body = COALESCE(?, body), draft = COALESCE(?, draft) WHERE id = ?');
  db.transaction(() => {
    for (const row of rows) {
      const body = adopt(row.body);
      const draft = adopt(row.draft);
      if (body !== null || draft !== null) update.run(body, draft, row.id);
    }
  })();
  // Counts only: the paths are the operator's own files and stay out of the log.
  if (adopted || missing) log.info('script media moved into the media library', { adopted, missing });
  return { adopted, missing };
}
