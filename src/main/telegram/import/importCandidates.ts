import type { ImportedDevice, ImportFormat, ImportOutcome } from '../../../shared/rpc/accountImport';
import type { ProxyInput } from '../../../shared/rpc/accounts';
import { AccountExportError, accountExportExtension, looksLikeAccountExport, openAccountExport, WrongExportPassword } from './accountExportFile';
import { isSqliteFile, readSessionFile, SessionFileError } from '../../db/sessionFileReader';
import { baseName, dirName, normalizeImportPath, type ImportFile } from './importFile';
import { parseSessionSidecar, SidecarError, type SessionSidecar } from './sessionJson';
import { parseSessionString, pyrogramPartsToGramjs, SessionFormatError, telethonPartsToGramjs } from './sessionStrings';
import { isTdataRoot, readTdata, TdataError, telegramDesktopApi, telegramDesktopDevice } from './tdataReader';
import { looksLikeZip, readZip, ZipError } from './zipArchive';

/**
 * Turns a dropped batch (files with their folder paths, zips, pasted text) into one candidate per
 * account, before anything connects. A candidate is either a session with what came along with it
 * (API id/hash, device, 2FA password) or a "wrong format" with the reason.
 */
export type ImportCandidate =
  | {
      kind: 'session';
      source: string;
      format: ImportFormat;
      /** teleproto StringSession. */
      session: string;
      apiId?: number;
      apiHash?: string;
      device?: ImportedDevice;
      password?: string;
      /** From the file itself, before connecting (Pyrogram, tdata, .json); the connection decides. */
      userIdHint?: number;
      /** The proxy a Voronka export carried (the batch's own proxy, if set, wins). */
      proxy?: ProxyInput;
    }
  | { kind: 'error'; source: string; format: ImportFormat; detail: string; outcome?: Extract<ImportOutcome, 'wrong_format' | 'export_password'> };

export async function collectCandidates(input: ImportFile[], text: string, tdataPasscode?: string, exportPassword?: string): Promise<ImportCandidate[]> {
  const candidates: ImportCandidate[] = [];
  const files: ImportFile[] = [];
  for (const file of input.map((f) => ({ ...f, path: normalizeImportPath(f.path) }))) {
    if (!/\.zip$/i.test(file.path) && !looksLikeZip(file.bytes)) {
      files.push(file);
      continue;
    }
    try {
      files.push(...readZip(file.bytes).map((entry) => ({ path: `${file.path}/${normalizeImportPath(entry.path)}`, bytes: entry.bytes })));
    } catch (error) {
      candidates.push({ kind: 'error', source: file.path, format: 'unknown', detail: error instanceof ZipError ? error.message : String(error) });
    }
  }

  // tdata first: every folder holding key_datas is one tdata, and all files below it belong to it.
  const dirs = new Map<string, string[]>();
  for (const f of files) dirs.set(dirName(f.path), [...(dirs.get(dirName(f.path)) ?? []), baseName(f.path)]);
  const tdataRoots = [...dirs.entries()].filter(([, names]) => isTdataRoot(names)).map(([dir]) => dir);
  const inTdata = (path: string): string | undefined => tdataRoots.find((root) => root === '' || path.startsWith(`${root}/`) || dirName(path) === root);
  for (const root of tdataRoots) {
    const own = files.filter((f) => inTdata(f.path) === root).map((f) => ({ path: root ? f.path.slice(root.length + 1) : f.path, bytes: f.bytes }));
    candidates.push(...(await tdataCandidates(root || 'tdata', own, tdataPasscode)));
  }

  const isExport = (f: ImportFile): boolean => f.path.toLowerCase().endsWith(accountExportExtension) || looksLikeAccountExport(f.bytes);
  const outside = files.filter((f) => inTdata(f.path) === undefined && !baseName(f.path).startsWith('.'));
  for (const file of outside.filter(isExport)) candidates.push(await exportCandidate(file, exportPassword));
  const rest = outside.filter((f) => !isExport(f));
  const byPath = new Map(rest.map((f) => [f.path.toLowerCase(), f]));
  const usedJson = new Set<string>();
  for (const file of rest) {
    if (!/\.session$/i.test(file.path)) continue;
    const jsonPath = file.path.replace(/\.session$/i, '.json').toLowerCase();
    const json = byPath.get(jsonPath);
    if (json) usedJson.add(jsonPath);
    candidates.push(sessionFileCandidate(file, json));
  }
  for (const file of rest) {
    const lower = file.path.toLowerCase();
    if (lower.endsWith('.session') || usedJson.has(lower)) continue;
    if (lower.endsWith('.json')) candidates.push(jsonOnlyCandidate(file));
    else candidates.push(...textCandidates(file.path, file.bytes.toString('utf8'), true));
  }
  if (text.trim()) candidates.push(...textCandidates('pasted text', text, false));
  return candidates;
}

async function tdataCandidates(source: string, files: ImportFile[], passcode?: string): Promise<ImportCandidate[]> {
  try {
    const accounts = await readTdata(files, passcode);
    return accounts.map((a) => ({
      kind: 'session' as const,
      source: accounts.length > 1 ? `${source} (account ${a.index + 1})` : source,
      format: 'tdata' as const,
      session: a.session,
      ...telegramDesktopApi,
      device: telegramDesktopDevice,
      ...(a.userId ? { userIdHint: a.userId } : {}),
    }));
  } catch (error) {
    return [{ kind: 'error', source, format: 'tdata', detail: error instanceof TdataError ? error.message : String(error) }];
  }
}

/** A Voronka account export: opened with the batch's export password; a wrong one changes nothing. */
async function exportCandidate(file: ImportFile, password: string | undefined): Promise<ImportCandidate> {
  const base = { source: file.path, format: 'voronka_export' as const };
  if (!password) return { kind: 'error', ...base, outcome: 'export_password', detail: 'A Voronka account export: enter the password it was exported with' };
  try {
    const p = await openAccountExport(file.bytes, password);
    return {
      kind: 'session',
      ...base,
      session: p.session,
      apiId: p.apiId,
      apiHash: p.apiHash,
      device: p.device,
      ...(p.proxy ? { proxy: p.proxy } : {}),
      ...(p.telegramUserId ? { userIdHint: Number(p.telegramUserId) } : {}),
    };
  } catch (error) {
    if (error instanceof WrongExportPassword) return { kind: 'error', ...base, outcome: 'export_password', detail: error.message };
    return { kind: 'error', ...base, detail: error instanceof AccountExportError ? error.message : String(error) };
  }
}

function sessionFileCandidate(file: ImportFile, json: ImportFile | undefined): ImportCandidate {
  let sidecar: SessionSidecar = {};
  try {
    if (json) sidecar = parseSessionSidecar(json.bytes);
  } catch (error) {
    return { kind: 'error', source: json?.path ?? file.path, format: 'telethon_session', detail: error instanceof SidecarError ? error.message : String(error) };
  }
  const extras = {
    ...(sidecar.apiId !== undefined && sidecar.apiHash ? { apiId: sidecar.apiId, apiHash: sidecar.apiHash } : {}),
    ...(sidecar.device ? { device: sidecar.device } : {}),
    ...(sidecar.password ? { password: sidecar.password } : {}),
    ...(sidecar.userId ? { userIdHint: sidecar.userId } : {}),
  };
  const source = json ? `${file.path} + .json` : file.path;
  if (!isSqliteFile(file.bytes)) {
    // Some tools write a string session into a text file named .session.
    const parsed = parseSessionString(file.bytes.toString('utf8'));
    if (parsed) return { kind: 'session', source, format: parsed.format, session: parsed.session, ...extras };
    return { kind: 'error', source: file.path, format: 'unknown', detail: 'Neither an SQLite .session file nor a session string' };
  }
  try {
    const row = readSessionFile(file.bytes);
    if (row.library === 'telethon') {
      const session = telethonPartsToGramjs({ dcId: row.dcId, ipAddress: row.serverAddress, ipv6: row.serverAddress.includes(':'), port: row.port, authKey: row.authKey });
      return { kind: 'session', source, format: 'telethon_session', session, ...extras };
    }
    const session = pyrogramPartsToGramjs({ dcId: row.dcId, isTest: row.testMode, authKey: row.authKey, userId: row.userId ?? 0, isBot: row.isBot, ...(row.apiId ? { apiId: row.apiId } : {}) });
    return {
      kind: 'session',
      source,
      format: 'pyrogram_session',
      session,
      ...(row.userId ? { userIdHint: row.userId } : {}),
      // Pyrogram keeps the api_id but not the hash: without a .json the batch's API id/hash are used.
      ...extras,
    };
  } catch (error) {
    const detail = error instanceof SessionFileError || error instanceof SessionFormatError ? error.message : String(error);
    return { kind: 'error', source: file.path, format: 'unknown', detail };
  }
}

function jsonOnlyCandidate(file: ImportFile): ImportCandidate {
  try {
    const sidecar = parseSessionSidecar(file.bytes);
    const parsed = sidecar.stringSession ? parseSessionString(sidecar.stringSession) : undefined;
    if (!parsed) return { kind: 'error', source: file.path, format: 'unknown', detail: 'A .json without its .session file (put both in the same folder with the same name)' };
    return {
      kind: 'session',
      source: file.path,
      format: parsed.format,
      session: parsed.session,
      ...(sidecar.apiId !== undefined && sidecar.apiHash ? { apiId: sidecar.apiId, apiHash: sidecar.apiHash } : {}),
      ...(sidecar.device ? { device: sidecar.device } : {}),
      ...(sidecar.password ? { password: sidecar.password } : {}),
    };
  } catch (error) {
    return { kind: 'error', source: file.path, format: 'unknown', detail: error instanceof Error ? error.message : String(error) };
  }
}

/** One session string per line; a file with none is one "wrong format" row. */
function textCandidates(source: string, text: string, isFile: boolean): ImportCandidate[] {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  const found: ImportCandidate[] = [];
  lines.forEach((line, i) => {
    if (!line) return;
    const where = lines.filter(Boolean).length > 1 ? `${source}, line ${i + 1}` : source;
    try {
      const parsed = parseSessionString(line);
      if (parsed) {
        found.push({ kind: 'session', source: where, format: parsed.format, session: parsed.session, ...(parsed.userId ? { userIdHint: parsed.userId } : {}) });
      } else if (!isFile || line.length >= 100) {
        found.push({ kind: 'error', source: where, format: 'unknown', detail: 'Not a Telethon, Pyrogram or gramjs session string' });
      }
    } catch (error) {
      found.push({ kind: 'error', source: where, format: 'unknown', detail: error instanceof Error ? error.message : String(error) });
    }
  });
  if (found.length === 0 && isFile) return [{ kind: 'error', source, format: 'unknown', detail: 'Not a format Voronka imports (tdata, .session, .json, .zip or session strings)' }];
  return found;
}
