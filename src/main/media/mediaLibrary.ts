import { createHash } from 'node:crypto';
import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, readSync, realpathSync, renameSync, writeFileSync } from 'node:fs';
import { extname, isAbsolute, join, relative, sep } from 'node:path';
import { isMediaFolderPath } from '../../shared/script';

/** Files picked in the editor are stored here, relative to the data folder, under their content hash. */
export const mediaLibraryFolder = 'media/library';

/** Piecewise uploads in progress (see MediaUploads): inside the media folder, so the finished file is renamed, not copied. */
export const mediaUploadsFolder = 'media/.uploads';

export type ScriptMediaKind = 'photo' | 'video' | 'document' | 'voice';

/** Why a script's media path cannot be used; `code` is rendered by the UI in its language. */
export class MediaPathError extends Error {
  constructor(
    readonly code: 'media_outside' | 'media_missing',
    readonly path: string,
  ) {
    super(code === 'media_outside' ? `Media "${path}" is not a file in the media folder` : `Media file "${path}" is missing`);
    this.name = 'MediaPathError';
  }
}

const kinds: Record<string, ScriptMediaKind> = {
  '.jpg': 'photo',
  '.jpeg': 'photo',
  '.png': 'photo',
  '.webp': 'photo',
  '.mp4': 'video',
  '.mov': 'video',
  '.webm': 'video',
  '.ogg': 'voice',
  '.oga': 'voice',
  '.opus': 'voice',
};

/** What Telegram should show a file as, from its name (anything unknown goes as a document). */
export function mediaKindOf(fileName: string): ScriptMediaKind {
  return kinds[extname(fileName).toLowerCase()] ?? 'document';
}

/** A file name's extension as stored: lower case, letters and digits only (".JPG" → ".jpg"). */
function safeExtension(fileName: string): string {
  const ext = extname(fileName).toLowerCase();
  return /^\.[a-z0-9]{1,8}$/.test(ext) ? ext : '';
}

/**
 * Copies a picked or imported file into the media library as `media/library/<sha256>.<ext>`: the same
 * content is stored once whatever its name, and a stored file never changes under a script.
 */
export function storeMediaFile(dataDir: string, bytes: Buffer, fileName: string): { path: string; kind: ScriptMediaKind; size: number } {
  const { name, target } = libraryTarget(dataDir, createHash('sha256').update(bytes).digest('hex'), fileName);
  if (!existsSync(target)) {
    // Written aside and renamed, so a crash never leaves a half file under a content name.
    const temp = `${target}.${process.pid}.tmp`;
    writeFileSync(temp, bytes);
    renameSync(temp, target);
  }
  return { path: `${mediaLibraryFolder}/${name}`, kind: mediaKindOf(fileName), size: bytes.length };
}

/**
 * As `storeMediaFile`, for a file already on disk (an upload given to an import by its library path):
 * hashed and copied piece by piece, so a 2 GB video is never held in memory. A file that is already
 * the library copy (same hash, same extension) is left as it is.
 */
export function storeMediaFileFrom(dataDir: string, file: string, fileName: string): { path: string; kind: ScriptMediaKind; size: number } {
  const hash = createHash('sha256');
  const buffer = Buffer.alloc(1024 * 1024);
  const fd = openSync(file, 'r');
  let size = 0;
  try {
    for (let n = readSync(fd, buffer); n > 0; n = readSync(fd, buffer)) {
      hash.update(buffer.subarray(0, n));
      size += n;
    }
  } finally {
    closeSync(fd);
  }
  const { target, path } = libraryTarget(dataDir, hash.digest('hex'), fileName);
  if (!existsSync(target)) {
    const temp = `${target}.${process.pid}.tmp`;
    copyFileSync(file, temp);
    renameSync(temp, target);
  }
  return { path, kind: mediaKindOf(fileName), size };
}

/**
 * Whether `path` is a library file as `libraryTarget` names one for a file called `fileName`: its
 * name is the content's hash (checked by main when it was stored), so it need not be hashed again.
 */
export function isLibraryNameFor(path: string, fileName: string): boolean {
  const prefix = `${mediaLibraryFolder}/`;
  if (!path.startsWith(prefix)) return false;
  const name = path.slice(prefix.length);
  return /^[0-9a-f]{32}/.test(name) && name.slice(32) === safeExtension(fileName);
}

/**
 * Where a file with this SHA-256 (hex) and name goes in the library: `<first 32 hex digits>.<ext>`
 * (the folder is created). 128 bits of the hash name the content; the extension tells its kind.
 */
export function libraryTarget(dataDir: string, sha256: string, fileName: string): { name: string; target: string; path: string } {
  const name = `${sha256.slice(0, 32)}${safeExtension(fileName)}`;
  const folder = join(dataDir, ...mediaLibraryFolder.split('/'));
  mkdirSync(folder, { recursive: true });
  return { name, target: join(folder, name), path: `${mediaLibraryFolder}/${name}` };
}

/**
 * The absolute file behind a script's `media/…` path, confined to `<dataDir>/media`: an absolute
 * path, `..`, a backslash or a symlink that leads out is refused (`media_outside`), a file that is
 * not there is `media_missing`.
 */
export function confinedMediaFile(dataDir: string, path: string): string {
  if (isAbsolute(path) || !isMediaFolderPath(path)) throw new MediaPathError('media_outside', path);
  // A half-received upload is not a file a script can send or export.
  if (path.toLowerCase().startsWith(`${mediaUploadsFolder}/`)) throw new MediaPathError('media_missing', path);
  const root = join(dataDir, 'media');
  const file = join(dataDir, ...path.split('/'));
  if (!existsSync(file)) throw new MediaPathError('media_missing', path);
  // The real location of both (symlinks resolved): the file must still be inside the media folder.
  // The resolved path is what callers read, so a link swapped after this check changes nothing.
  const real = realpathSync(file);
  const inside = relative(realpathSync(root), real);
  if (!inside || inside.startsWith('..') || isAbsolute(inside) || inside.split(sep).includes('..')) throw new MediaPathError('media_outside', path);
  return real;
}

/**
 * The file a queued message's media names: a script's `media/…` path is confined to the media folder as
 * above (refused as unreadable, EPERM, so the row fails for good with a clear reason); an absolute
 * path is one the app wrote itself (a downloaded or operator file), used as it is.
 */
export function outgoingMediaFile(dataDir: string, path: string): string {
  if (isAbsolute(path)) return path;
  try {
    return confinedMediaFile(dataDir, path);
  } catch (error) {
    if (!(error instanceof MediaPathError)) throw error;
    throw Object.assign(new Error(error.message), { code: error.code === 'media_missing' ? 'ENOENT' : 'EPERM' });
  }
}

/** Every `media` path a script's message steps use, with where (for problem reports). */
export function scriptMediaRefs(script: { flows: { id: string; steps: { id: string; type: string; messages?: { media?: { path: string } }[] }[] }[] }) {
  const refs: { path: string; at: (string | number)[] }[] = [];
  script.flows.forEach((flow, f) =>
    flow.steps.forEach((step, s) =>
      (step.messages ?? []).forEach((m, i) => {
        if (m.media) refs.push({ path: m.media.path, at: ['flows', f, 'steps', s, 'messages', i, 'media', 'path'] });
      }),
    ),
  );
  return refs;
}
