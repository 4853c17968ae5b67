import { msg } from '../../../shared/appMessage';
import { remapScriptIds, validateScript, withoutSecretHeaders, type Script } from '../../../shared/script';
import type { Db } from '../../db/connection';
import {
  accountLeadsByScript,
  accountsRunningScript,
  getDraft,
  getScript,
  insertDraftScript,
  listScripts,
  normalName,
  publishScript,
  renameScript,
  saveDraft,
  scriptRevision,
  setArchived,
  takenScriptNames,
} from '../../db/repositories/scriptsRepo';
import { templates } from '../../templates';
import type { EventBus } from '../eventBus';
import { AppFailure } from '../../appFailure';
import { confinedMediaFile, isLibraryNameFor, MediaPathError } from '../../media/mediaLibrary';
import { importScriptMedia, scriptMediaProblems, type ImportedFile } from '../../media/scriptMediaCheck';
import type { RpcHandlers } from '../router';

type ScriptsHandlers = Pick<
  RpcHandlers,
  | 'scripts.list'
  | 'scripts.get'
  | 'scripts.templates'
  | 'scripts.create'
  | 'scripts.import'
  | 'scripts.export'
  | 'scripts.validate'
  | 'scripts.saveDraft'
  | 'scripts.publish'
  | 'scripts.duplicate'
  | 'scripts.accountLeads'
  | 'scripts.archive'
  | 'scripts.restore'
>;

const steps = (script: Script): number => script.flows.reduce((n, f) => n + f.steps.length, 0);

/** `name`, or `name (2)`, `name (3)`… — the first that no other live script uses. */
export function uniqueName(name: string, taken: ReadonlySet<string>): string {
  const base = name.trim().replace(/ \(\d+\)$/, '') || name.trim();
  if (!taken.has(normalName(name))) return name.trim();
  for (let n = 2; ; n++) {
    const candidate = `${base.slice(0, 190)} (${n})`;
    if (!taken.has(normalName(candidate))) return candidate;
  }
}

/** A body's name, when it has a usable one (drafts may be anything). */
function bodyName(body: unknown): string | undefined {
  const name = body && typeof body === 'object' ? (body as { name?: unknown }).name : undefined;
  return typeof name === 'string' && name.trim() ? name : undefined;
}

/** An empty but valid script: one flow with a greeting that waits, then hands over. */
function blankScript(name: string): Script {
  const result = validateScript({
    formatVersion: 1,
    name,
    startFlow: 'main',
    flows: [
      {
        id: 'main',
        name: 'Main',
        start: 'hello',
        steps: [
          { id: 'hello', type: 'message', title: 'Greeting', messages: [{ text: 'Привет! 👋' }], waitForReply: true, next: 'human', position: { x: 0, y: 0 } },
          { id: 'human', type: 'manual', title: 'Operator', reason: 'The greeting got an answer', position: { x: 320, y: 0 } },
        ],
      },
    ],
  });
  if (!result.ok) throw new Error('blank script is invalid');
  return result.script;
}

export function scriptsHandlers(db: Db, events: EventBus, now: () => number, dataDir: string): ScriptsHandlers {
  /** A file given to an import by the path `media.store` or an upload answered: in the media folder only (copied from disk, not read into memory). */
  const storedUpload = (path: string): string => {
    try {
      return confinedMediaFile(dataDir, path);
    } catch (error) {
      if (error instanceof MediaPathError) throw new AppFailure('invalid_input', msg(error.code === 'media_outside' ? 'mediaOutside' : 'mediaMissing', { path }));
      throw error;
    }
  };
  /** An uploaded file is already in the library under the name its checked SHA-256 gave it; anything else is copied in. */
  const importedByPath = (name: string, path: string): ImportedFile => {
    const file = storedUpload(path);
    return isLibraryNameFor(path, name) ? { name, libraryPath: path } : { name, file };
  };
  const existing = (id: number) => {
    const row = getScript(db, id);
    const meta = getDraft(db, id);
    if (!row || !meta || meta.archivedAt !== null) throw new AppFailure('not_found', msg('scriptMissing', { id }));
    return { row, draft: meta.draft };
  };
  const changed = (id: number): void => events.emit('scripts.changed', { id });
  /** A rename onto another live script's name is refused: two "Funnel"s cannot be told apart in pickers. */
  const assertNameFree = (id: number, body: unknown): void => {
    const name = bodyName(body);
    if (name && takenScriptNames(db, id).has(normalName(name)))
      throw new AppFailure('conflict', msg('scriptNameTaken', { name: name.trim() }));
  };
  /** New scripts (created, imported, copied) start as drafts under a name no other script uses. */
  const insertNew = (script: Script): number => {
    const id = insertDraftScript(db, { ...script, name: uniqueName(script.name, takenScriptNames(db, null)) }, now());
    changed(id);
    return id;
  };

  return {
    'scripts.list': () =>
      listScripts(db).map((row) => {
        const body = JSON.parse(row.body) as Script;
        return { id: row.id, name: row.name, revision: row.revision, updatedAt: row.updatedAt, flows: body.flows.length, steps: steps(body), accounts: row.accounts, hasDraft: row.hasDraft === 1 };
      }),
    'scripts.get': ({ id }) => {
      const { row, draft } = existing(id);
      return { id, name: row.name, revision: row.revision, updatedAt: row.updatedAt, body: row.body, draft: draft === null ? null : (JSON.parse(draft) as unknown) };
    },
    'scripts.templates': () =>
      Object.entries(templates).map(([key, json]) => {
        const result = validateScript(json);
        if (!result.ok) throw new Error(`template ${key} is invalid`);
        return { key, name: result.script.name, description: result.script.description, flows: result.script.flows.length, steps: steps(result.script) };
      }),
    'scripts.create': ({ template, name }) => {
      let script: Script;
      if (template) {
        const json = templates[template];
        const result = json === undefined ? undefined : validateScript(json);
        if (!result?.ok) throw new AppFailure('not_found', msg('templateMissing', { name: template }));
        script = remapScriptIds(result.script);
      } else {
        script = blankScript(name ?? 'Новый скрипт');
      }
      if (name) script = { ...script, name };
      return { id: insertNew(script) };
    },
    'scripts.import': ({ json, files }) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(json);
      } catch (error) {
        return { ok: false as const, problems: [{ path: '', ...msg('notJson', { detail: (error as Error).message }) }] };
      }
      const result = validateScript(parsed);
      if (!result.ok) return { ok: false as const, problems: result.problems };
      // Its media come in too (or the import is refused, naming each missing file).
      const media = importScriptMedia(dataDir, result.script, files.map((f) => ('path' in f ? importedByPath(f.name, f.path) : { name: f.name, bytes: Buffer.from(f.dataBase64, 'base64') })));
      if (!media.ok) return { ok: false as const, problems: media.problems };
      // Fresh ids: importing the same file twice gives two scripts that share nothing.
      const id = insertNew(remapScriptIds(media.script));
      return { ok: true as const, id, warnings: result.warnings };
    },
    'scripts.export': ({ id, includeSecrets }) => {
      const { row } = existing(id);
      const fileName = `${row.name.replace(/[^\p{L}\p{N}_-]+/gu, '-').replace(/^-+|-+$/g, '') || 'script'}.voronka.json`;
      // A file travels (shared with a partner, posted in a chat): API keys in headers stay home unless asked.
      const { script, leftOut } = includeSecrets ? { script: row.body, leftOut: 0 } : withoutSecretHeaders(row.body);
      return { fileName, json: JSON.stringify(script, null, 2), secretsLeftOut: leftOut };
    },
    'scripts.validate': ({ body }) => {
      const result = validateScript(body);
      return result.ok ? { problems: [], warnings: result.warnings } : { problems: result.problems, warnings: [] };
    },
    'scripts.saveDraft': ({ id, body }) => {
      existing(id);
      assertNameFree(id, body);
      const at = now();
      saveDraft(db, id, body, at);
      return { savedAt: at };
    },
    'scripts.publish': ({ id, body, revision }) => {
      existing(id);
      if (scriptRevision(db, id) !== revision) throw new AppFailure('conflict', msg('scriptChanged'));
      const result = validateScript(body);
      if (!result.ok) return { ok: false as const, problems: result.problems };
      assertNameFree(id, result.script);
      // The running version never points at a file outside the media folder or one that is gone.
      const mediaProblems = scriptMediaProblems(dataDir, result.script);
      if (mediaProblems.length) return { ok: false as const, problems: mediaProblems };
      const next = publishScript(db, id, result.script, now());
      changed(id);
      // Said back to the operator: who now runs this version (or that nobody does yet).
      return { ok: true as const, revision: next, accounts: accountsRunningScript(db, id) };
    },
    'scripts.duplicate': ({ id }) => {
      const { row, draft } = existing(id);
      // The copy is of what the editor shows (the draft when there is a valid one), as a new draft.
      const parsed = draft === null ? undefined : validateScript(JSON.parse(draft));
      const source = parsed?.ok ? parsed.script : row.body;
      return { id: insertNew({ ...remapScriptIds(source), name: source.name }) };
    },
    'scripts.accountLeads': ({ accountId }) => accountLeadsByScript(db, accountId),
    'scripts.archive': ({ id }) => {
      existing(id);
      setArchived(db, id, now());
      changed(id);
      return { ok: true as const };
    },
    'scripts.restore': ({ id }) => {
      const row = getScript(db, id);
      if (!row) throw new AppFailure('not_found', msg('scriptMissing', { id }));
      // A name reused while this one was archived: the restored one takes a suffix.
      const taken = takenScriptNames(db, id);
      if (taken.has(normalName(row.name))) renameScript(db, id, uniqueName(row.name, taken));
      setArchived(db, id, null);
      changed(id);
      return { ok: true as const };
    },
  };
}

