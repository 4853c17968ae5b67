import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { insertIncoming } from '../../../src/main/db/repositories/messagesRepo';
import { leadFor, openEngine } from '../../support/engineFixture';
import { tempDir } from '../../support/tempDb';

/**
 * A turn writes the lead columns it changed and only those: a column left out of the UPDATE also
 * leaves its indexes alone. A TEMP trigger `AFTER UPDATE OF` a column fires exactly when the column
 * is in an UPDATE's SET list, so it sees what each turn wrote; the stored row says whether the
 * state that matters was written.
 */
describe.each([false, true])('turn writes (group commit: %s)', (groupCommit) => {
  it('a turn that does not move the lead does not rewrite its position; one that moves it does', async () => {
    const fixture = openEngine(join(tempDir(), 'turns.db'), { groupCommit });
    const { db, engine } = fixture;
    const leadId = leadFor(fixture, 'peer-1', Date.now());
    const say = async (text: string): Promise<void> => {
      const store = () => insertIncoming(db, { leadId, text, ts: Date.now() });
      await (fixture.writes ? fixture.writes.run(store) : store());
      await engine.incomingMessage(leadId);
    };
    const lead = () => db.prepare('SELECT status, step_id, fields, step_state, memo FROM leads WHERE id = ?').get(leadId);

    await say('привет'); // enters the funnel: "ping" sent, waiting at step ping
    expect(lead()).toMatchObject({ status: 'waiting', step_id: 'ping' });

    db.exec(`
      CREATE TEMP TABLE writes (what TEXT);
      CREATE TEMP TRIGGER position_written AFTER UPDATE OF script_id, flow_id, step_id ON leads BEGIN INSERT INTO writes VALUES ('position'); END;
      CREATE TEMP TRIGGER status_written AFTER UPDATE OF status ON leads BEGIN INSERT INTO writes VALUES ('status'); END;
      CREATE TEMP TRIGGER fields_written AFTER UPDATE OF fields ON leads BEGIN INSERT INTO writes VALUES ('fields'); END;
    `);
    const written = () => (db.prepare('SELECT what FROM writes').pluck().all() as string[]).sort();
    const clear = () => db.exec('DELETE FROM writes');

    await engine.operator(leadId, { kind: 'edit', addTags: ['vip'], removeTags: [], fields: { city: 'Алматы' } });
    expect(written()).toEqual(['fields']);
    expect(JSON.parse((lead() as { fields: string }).fields)).toEqual({ city: 'Алматы' });
    clear();

    await engine.operator(leadId, { kind: 'edit', addTags: [], removeTags: [], fields: { city: 'Алматы' } });
    expect(written()).toEqual([]); // same fields: nothing of the lead's state rewritten
    clear();

    await say('ещё'); // ping → pong: position written, status unchanged (waiting → waiting)
    expect(written()).toEqual(['position']);
    expect(lead()).toMatchObject({ status: 'waiting', step_id: 'pong' });
    expect(JSON.parse((lead() as { fields: string }).fields)).toEqual({ city: 'Алматы' });
    clear();

    await engine.operator(leadId, { kind: 'takeover' });
    expect(written()).toEqual(['status']);
    expect(lead()).toMatchObject({ status: 'manual', step_id: 'pong' });
    fixture.writes?.flush();
    db.close();
  });
});
