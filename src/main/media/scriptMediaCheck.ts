import { msg, type AppMessage } from '../../shared/appMessage';
import { basename } from 'node:path';
import { mediaExportName } from '../../shared/mediaExportName';
import { formatPath, type Script, type ScriptProblem } from '../../shared/script';
import { confinedMediaFile, MediaPathError, scriptMediaRefs, storeMediaFile, storeMediaFileFrom } from './mediaLibrary';

/** The English problem texts (the renderer shows them in the UI language, see translateProblem). */
const problemText = (error: MediaPathError): AppMessage => msg(error.code === 'media_outside' ? 'mediaOutside' : 'mediaMissing', { path: error.path });

/** A script's media that cannot be sent: outside the media folder (symlinks included) or not there. */
export function scriptMediaProblems(dataDir: string, script: Script): ScriptProblem[] {
  const problems: ScriptProblem[] = [];
  for (const ref of scriptMediaRefs(script)) {
    try {
      confinedMediaFile(dataDir, ref.path);
    } catch (error) {
      if (!(error instanceof MediaPathError)) throw error;
      problems.push({ path: formatPath(ref.at), ...problemText(error) });
    }
  }
  return problems;
}

/** A file given with an imported script: its bytes (sent inline) or a file already in the media folder (uploaded first). */
/**
 * A file given with an import: its bytes, a file to copy into the library, or a file already in the
 * library under its content's name (an upload: main named it by the SHA-256 it checked), used as is.
 */
export type ImportedFile = { name: string; bytes: Buffer } | { name: string; file: string } | { name: string; libraryPath: string };

/**
 * An imported script's media: each referenced file is taken from the files given with the script
 * (matched by the name export saves it under, made from its whole path) and copied into the media library under its content hash, the script then
 * pointing at the copy; a file already in this data folder's media folder is kept. Nothing is copied
 * unless every referenced file is found — otherwise the missing ones are the problems.
 */
export function importScriptMedia(dataDir: string, script: Script, files: ImportedFile[]): { ok: true; script: Script } | { ok: false; problems: ScriptProblem[] } {
  const byName = new Map(files.map((f) => [f.name, f]));
  const refs = scriptMediaRefs(script);
  // A file saved by an older export carries only its base name: taken when that name is the script's only one.
  const baseNames = new Map<string, Set<string>>();
  for (const ref of refs) baseNames.set(basename(ref.path), (baseNames.get(basename(ref.path)) ?? new Set()).add(ref.path));
  const plan: { at: (string | number)[]; file?: ImportedFile }[] = [];
  const problems: ScriptProblem[] = [];
  for (const ref of refs) {
    const given = byName.get(mediaExportName(ref.path)) ?? (baseNames.get(basename(ref.path))?.size === 1 ? byName.get(basename(ref.path)) : undefined);
    if (given) {
      plan.push({ at: ref.at, file: given });
      continue;
    }
    try {
      confinedMediaFile(dataDir, ref.path);
      plan.push({ at: ref.at });
    } catch (error) {
      if (!(error instanceof MediaPathError)) throw error;
      problems.push({ path: formatPath(ref.at), ...problemText(error) });
    }
  }
  if (problems.length) return { ok: false, problems };
  const copy = structuredClone(script);
  for (const { at, file } of plan) {
    if (!file) continue;
    // A library file is not hashed again: for a 2 GB video that would hold main's event loop for seconds.
    const stored = 'libraryPath' in file ? { path: file.libraryPath } : 'bytes' in file ? storeMediaFile(dataDir, file.bytes, file.name) : storeMediaFileFrom(dataDir, file.file, file.name);
    const [, f, , s, , i] = at as [string, number, string, number, string, number];
    const step = copy.flows[f]?.steps[s];
    const message = step?.type === 'message' ? step.messages[i] : undefined;
    if (message?.media) message.media = { ...message.media, path: stored.path };
  }
  return { ok: true, script: copy };
}
