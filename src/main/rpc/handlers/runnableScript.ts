import { msg } from '../../../shared/appMessage';
import { AppFailure } from '../../appFailure';
import type { Db } from '../../db/connection';
import { scriptHead } from '../../db/repositories/scriptsRepo';

/**
 * Refuses to let an account run a script that was never published (revision 0). Its running body is
 * whatever it was created from (a template, the blank greeting), not what the operator is editing,
 * and nobody approved it: a draft runs only in the emulator until Publish. `undefined`/null: no
 * script asked for, nothing to check.
 */
export function assertRunnableScript(db: Db, scriptId: number | null | undefined): void {
  if (scriptId === undefined || scriptId === null) return;
  const row = scriptHead(db, scriptId);
  if (!row) throw new AppFailure('not_found', msg('scriptMissing', { id: scriptId }));
  if (row.revision === 0) throw new AppFailure('conflict', msg('scriptNotPublished', { name: row.name }));
}
