import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../src/main/db/connection';
import { migrate } from '../../../../src/main/db/migrate';
import { migrations } from '../../../../src/main/db/migrations';
import { leadSnapshotSql } from '../../../../src/main/db/repositories/leadsRepo';

function dbWithLead() {
  const db = openDatabase(':memory:');
  migrate(db, migrations.slice(0, 13));
  db.prepare("INSERT INTO accounts (kind, status, created_at, updated_at) VALUES ('telegram', 'online', 0, 0)").run();
  db.prepare("INSERT INTO leads (account_id, peer_id, first_name, created_at, updated_at) VALUES (1, 'p1', 'Анна', 0, 0)").run();
  migrate(db, migrations.slice(0, 14));
  const versions = () => db.prepare('SELECT state_version, external_version FROM leads WHERE id = 1').get();
  return { db, versions };
}

describe('migration 0014-lead-external-version', () => {
  it('counts writes of snapshot columns made outside a turn; a turn (which bumps state_version) and inbox columns do not count', () => {
    const { db, versions } = dbWithLead();
    expect(versions()).toEqual({ state_version: 1, external_version: 0 });
    db.prepare("UPDATE leads SET first_name = 'Anna' WHERE id = 1").run(); // a new name from Telegram
    expect(versions()).toEqual({ state_version: 1, external_version: 1 });
    db.prepare('UPDATE leads SET tracker = ? WHERE id = 1').run('{"clickid":"c1"}');
    expect(versions()).toEqual({ state_version: 1, external_version: 2 });
    db.prepare("UPDATE leads SET step_id = 'b', state_version = state_version + 1 WHERE id = 1").run(); // a turn
    expect(versions()).toEqual({ state_version: 2, external_version: 2 });
    db.prepare("UPDATE leads SET unread = unread + 1, last_message_at = 5, last_preview = 'hi', updated_at = 5 WHERE id = 1").run();
    expect(versions()).toEqual({ state_version: 2, external_version: 2 });
  });

  it('covers every leads column the engine snapshot reads', () => {
    const { db } = dbWithLead();
    const trigger = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'leads_external_version'").pluck().get() as string;
    const watched = new Set(/UPDATE OF ([\s\S]*?) ON leads/.exec(trigger)?.[1]?.split(',').map((c) => c.trim()));
    const read = [...leadSnapshotSql.matchAll(/\bl\.(\w+)/g)].map((m) => m[1] as string);
    const versionsAndKey = ['id', 'state_version', 'external_version'];
    expect(read.filter((c) => !versionsAndKey.includes(c) && !watched.has(c))).toEqual([]);
    expect(read.length).toBeGreaterThan(10);
  });

  it('the tables the snapshot also reads (tags, A/B draws, business events, jobs) are written only by turns, or bump external_version', () => {
    // A write elsewhere would leave the engine store's cached snapshot stale. Allowed: the engine
    // store (turns), the jobs repository it calls, the damaged-state mark (its leads UPDATE bumps the
    // version through the trigger) and files that bump external_version themselves.
    const root = join(__dirname, '../../../../src/main');
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
    const writers = files(root)
      .filter((file) => !file.includes('/migrations/'))
      .filter((file) => /(INSERT (OR \w+ )?INTO|DELETE FROM|UPDATE) (lead_tags|ab_assignments|lead_events|jobs)\b/.test(readFileSync(file, 'utf8')))
      .filter((file) => !readFileSync(file, 'utf8').includes('external_version = external_version + 1'))
      .map((file) => relative(root, file))
      .sort();
    expect(writers).toEqual(['db/engineStore.ts', 'db/repositories/jobsRepo.ts', 'db/repositories/leadsRepo.ts']);
  });
});
