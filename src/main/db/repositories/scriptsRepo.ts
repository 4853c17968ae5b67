import { currentFormatVersion, scriptSchema, type Script } from '../../../shared/script';
import type { Db } from '../connection';
import { parseJsonColumn } from '../jsonColumn';
import { stmt } from '../statements';

export interface ScriptRow {
  id: number;
  name: string;
  revision: number;
  body: Script;
  createdAt: number;
  updatedAt: number;
}

interface RawScriptRow {
  id: number;
  name: string;
  revision: number;
  body: string;
  created_at: number;
  updated_at: number;
}

/** Stores a validated script as a new row, published (revision 1). */
export function insertScript(db: Db, script: Script, now: number): number {
  const result = stmt(db, 'INSERT INTO scripts (name, body, format_version, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(
    script.name,
    JSON.stringify(script),
    currentFormatVersion,
    now,
    now,
  );
  return Number(result.lastInsertRowid);
}

/**
 * Stores a new script as a draft: revision 0 ("not published yet"), the body also kept as the
 * editor's draft. Publishing makes it revision 1.
 */
export function insertDraftScript(db: Db, script: Script, now: number): number {
  const body = JSON.stringify(script);
  const result = stmt(
    db,
    'INSERT INTO scripts (name, body, format_version, revision, draft, draft_saved_at, created_at, updated_at) VALUES (?, ?, ?, 0, ?, ?, ?, ?)',
  ).run(script.name, body, currentFormatVersion, body, now, now, now);
  return Number(result.lastInsertRowid);
}

/**
 * Names of live (not archived) scripts other than `exceptId`, lower-cased: the published name and the
 * draft's, since a rename lives in the draft until it is published.
 */
export function takenScriptNames(db: Db, exceptId: number | null): Set<string> {
  const rows = stmt(
    db,
    "SELECT name, json_extract(CASE WHEN json_valid(draft) THEN draft END, '$.name') AS draftName FROM scripts WHERE archived_at IS NULL AND id IS NOT ?",
  ).all(exceptId) as { name: string; draftName: unknown }[];
  const names = new Set<string>();
  for (const r of rows) {
    names.add(normalName(r.name));
    if (typeof r.draftName === 'string') names.add(normalName(r.draftName));
  }
  return names;
}

/** Names compare trimmed and case-insensitively ("Funnel" and "funnel " are the same to an operator). */
export function normalName(name: string): string {
  return name.trim().toLocaleLowerCase();
}

/** Accounts (switched on) that run a script, for the publish report. */
export function accountsRunningScript(db: Db, scriptId: number): { id: number; name: string }[] {
  return stmt(
    db,
    `SELECT id, COALESCE(display_name, CASE WHEN username IS NOT NULL THEN '@' || username END, phone, '#' || id) AS name
     FROM accounts WHERE script_id = ? AND kind = 'telegram' AND enabled = 1 ORDER BY id`,
  ).all(scriptId) as { id: number; name: string }[];
}

const epochs = new WeakMap<Db, number>();

/** Changes whenever any script of this db is written through this module: cheap cache validation. */
export function scriptsEpoch(db: Db): number {
  return epochs.get(db) ?? 0;
}

/** Replaces a script's body; the revision bump invalidates compiled copies held by the engine. */
function updateScript(db: Db, id: number, script: Script, now: number): void {
  epochs.set(db, scriptsEpoch(db) + 1);
  stmt(db, 'UPDATE scripts SET name = ?, body = ?, revision = revision + 1, updated_at = ? WHERE id = ?').run(
    script.name,
    JSON.stringify(script),
    now,
    id,
  );
}

export function getScript(db: Db, id: number): ScriptRow | undefined {
  const row = stmt(db, 'SELECT id, name, revision, body, created_at, updated_at FROM scripts WHERE id = ?').get(id) as RawScriptRow | undefined;
  return row && toScriptRow(row);
}

/** A script's published name and revision (0: never published), without parsing its body. */
export function scriptHead(db: Db, id: number): { name: string; revision: number } | undefined {
  return stmt(db, 'SELECT name, revision FROM scripts WHERE id = ?').get(id) as { name: string; revision: number } | undefined;
}

export function scriptRevision(db: Db, id: number): number | undefined {
  return stmt(db, 'SELECT revision FROM scripts WHERE id = ?').pluck().get(id) as number | undefined;
}

function toScriptRow(row: RawScriptRow): ScriptRow {
  // Bodies were validated on the way in; parsing again applies defaults added by later versions, and a
  // damaged body surfaces as StoredStateError on the leads that run it.
  return { id: row.id, name: row.name, revision: row.revision, body: parseJsonColumn(row.body, scriptSchema, 'scripts.body', row.id), createdAt: row.created_at, updatedAt: row.updated_at };
}

export interface ScriptListRow {
  id: number;
  name: string;
  revision: number;
  updatedAt: number;
  body: string;
  accounts: number;
  hasDraft: number;
}

/** Live (not archived) scripts, newest first, with how many accounts run each. */
export function listScripts(db: Db): ScriptListRow[] {
  return stmt(
    db,
    `SELECT s.id, s.name, s.revision, s.updated_at AS updatedAt, s.body,
            (SELECT count(*) FROM accounts a WHERE a.script_id = s.id) AS accounts,
            (s.draft IS NOT NULL) AS hasDraft
     FROM scripts s WHERE s.archived_at IS NULL ORDER BY s.updated_at DESC, s.id DESC`,
  ).all() as ScriptListRow[];
}

export function getDraft(db: Db, id: number): { draft: string | null; archivedAt: number | null } | undefined {
  return stmt(db, 'SELECT draft, archived_at AS archivedAt FROM scripts WHERE id = ?').get(id) as { draft: string | null; archivedAt: number | null } | undefined;
}

export function saveDraft(db: Db, id: number, body: unknown, now: number): boolean {
  return stmt(db, 'UPDATE scripts SET draft = ?, draft_saved_at = ? WHERE id = ? AND archived_at IS NULL').run(JSON.stringify(body), now, id).changes > 0;
}

/** Publishing replaces the running body and drops the draft it came from. */
export function publishScript(db: Db, id: number, script: Script, now: number): number {
  updateScript(db, id, script, now);
  stmt(db, 'UPDATE scripts SET draft = NULL, draft_saved_at = NULL WHERE id = ?').run(id);
  return scriptRevision(db, id) ?? 0;
}

/** Renames the running body and the draft alike (the revision stays: nothing the engine runs changed). */
export function renameScript(db: Db, id: number, name: string): void {
  epochs.set(db, scriptsEpoch(db) + 1);
  stmt(
    db,
    `UPDATE scripts SET name = @name, body = json_set(body, '$.name', @name),
       draft = CASE WHEN json_valid(draft) THEN json_set(draft, '$.name', @name) ELSE draft END WHERE id = @id`,
  ).run({ name, id });
}

export function setArchived(db: Db, id: number, archivedAt: number | null): boolean {
  return stmt(db, 'UPDATE scripts SET archived_at = ? WHERE id = ?').run(archivedAt, id).changes > 0;
}

export interface AccountLeadsByScript {
  scriptId: number | null;
  scriptName: string | null;
  leads: number;
  /** Not finished and not stopped: the funnel may still act on them. */
  active: number;
}

/** An account's leads per script they run, for "what happens to its leads" when its script changes. */
export function accountLeadsByScript(db: Db, accountId: number): AccountLeadsByScript[] {
  return stmt(
    db,
    `SELECT l.script_id AS scriptId, s.name AS scriptName, count(*) AS leads,
            sum(l.status NOT IN ('finished', 'stopped')) AS active
     FROM leads l LEFT JOIN scripts s ON s.id = l.script_id
     WHERE l.account_id = ? GROUP BY l.script_id ORDER BY leads DESC`,
  ).all(accountId) as AccountLeadsByScript[];
}
