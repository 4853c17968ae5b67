import type { Script } from '../../../shared/script';
import type { Db } from '../../db/connection';
import { listScripts } from '../../db/repositories/scriptsRepo';
import { leadTagCounts } from '../../db/repositories/tagsRepo';
import type { RpcHandlers } from '../router';

/** The known tags, for suggestions: carried by leads (with counts) or declared by scripts (with colours). */
export function tagsHandlers(db: Db): Pick<RpcHandlers, 'tags.list'> {
  return {
    'tags.list': () => {
      const tags = new Map<string, { name: string; color: string | null; leads: number }>();
      for (const row of listScripts(db))
        for (const tag of (JSON.parse(row.body) as Script).tags) {
          const known = tags.get(tag.name);
          if (!known) tags.set(tag.name, { name: tag.name, color: tag.color ?? null, leads: 0 });
          else known.color ??= tag.color ?? null;
        }
      for (const { tag, leads } of leadTagCounts(db)) {
        const known = tags.get(tag);
        if (known) known.leads = leads;
        else tags.set(tag, { name: tag, color: null, leads });
      }
      return [...tags.values()].sort((a, b) => a.name.localeCompare(b.name));
    },
  };
}
