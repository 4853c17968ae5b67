import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/db/connection';
import { ensureLead } from '../../../src/main/db/repositories/leadsRepo';
import { insertIncoming } from '../../../src/main/db/repositories/messagesRepo';
import { setLeadTracker } from '../../../src/main/db/repositories/trackerRepo';
import type { ScriptInput } from '../../../src/shared/script';
import { openEngine, type EngineFixture } from '../../support/engineFixture';
import { tempDir } from '../../support/tempDb';

/**
 * Whatever changed a lead since its last turn — Telegram's new name for them, the tracker's data, a
 * hand edit from another SQLite connection, a turn whose write failed — the next turn acts on what is
 * stored. (Written for a snapshot cache that was measured break-even and removed; kept as the guard
 * any such cache must pass.)
 */
const greeting: ScriptInput = {
  formatVersion: 1,
  name: 'Greeting',
  fields: [{ key: 'city' }],
  startFlow: 'main',
  flows: [
    {
      id: 'main',
      name: 'Main',
      start: 'a',
      steps: [
        { id: 'a', type: 'message', messages: [{ text: 'A: {{lead.first_name}}|{{tracker.sub1}}|{{fields.city}}' }], waitForReply: true, next: 'b' },
        { id: 'b', type: 'message', messages: [{ text: 'B: {{lead.first_name}}|{{tracker.sub1}}|{{fields.city}}' }], waitForReply: true, next: 'a' },
      ],
    },
  ],
};

function setup(groupCommit: boolean) {
  const path = join(tempDir(), 'cache.db');
  const fixture: EngineFixture = openEngine(path, { script: greeting, groupCommit });
  const { db, engine, accountId, scriptId } = fixture;
  const leadId = ensureLead(db, { accountId, peerId: 'p1', accessHash: 'h1', firstName: 'Анна', scriptId }, Date.now());
  const say = async (text: string): Promise<void> => {
    const store = () => insertIncoming(db, { leadId, text, ts: Date.now() });
    await (fixture.writes ? fixture.writes.run(store) : store());
    await engine.incomingMessage(leadId);
  };
  const lastReply = () => db.prepare("SELECT text FROM messages WHERE lead_id = ? AND direction = 'out' ORDER BY id DESC LIMIT 1").pluck().get(leadId);
  return { ...fixture, path, leadId, say, lastReply };
}

describe.each([false, true])('what the next turn sees (group commit: %s)', (groupCommit) => {
  it('a new name from Telegram, new tracker data and a hand edit from another connection reach the next turn', async () => {
    const { db, accountId, scriptId, leadId, path, say, lastReply } = setup(groupCommit);
    await say('привет');
    expect(lastReply()).toBe('A: Анна||');
    await say('ещё');
    expect(lastReply()).toBe('B: Анна||');

    ensureLead(db, { accountId, peerId: 'p1', accessHash: 'h1', firstName: 'Мария', scriptId }, Date.now());
    await say('я сменила имя');
    expect(lastReply()).toBe('A: Мария||');

    setLeadTracker(db, leadId, { sub1: 'fb-42' }, Date.now());
    await say('и ещё');
    expect(lastReply()).toBe('B: Мария|fb-42|');

    const other = openDatabase(path);
    other.prepare('UPDATE leads SET fields = ? WHERE id = ?').run('{"city":"Алматы"}', leadId);
    other.close();
    await say('город');
    expect(lastReply()).toBe('A: Мария|fb-42|Алматы');
  });

  it('a turn whose write failed leaves nothing behind: the next turn starts from the stored step', async () => {
    const { db, leadId, say, lastReply } = setup(groupCommit);
    await say('привет'); // step a answered, waiting for a reply
    expect(lastReply()).toBe('A: Анна||');
    db.exec("CREATE TEMP TRIGGER refuse_events BEFORE INSERT ON events BEGIN SELECT RAISE(ABORT, 'disk trouble'); END");
    await expect(say('ответ')).rejects.toThrow('disk trouble');
    expect(db.prepare('SELECT step_id FROM leads WHERE id = ?').pluck().get(leadId)).toBe('a');
    db.exec('DROP TRIGGER refuse_events');
    await say('ещё раз'); // both messages answered from step a: B, not a second A
    expect(lastReply()).toBe('B: Анна||');
    expect(db.prepare("SELECT count(*) FROM messages WHERE lead_id = ? AND direction = 'in' AND handled_at IS NULL").pluck().get(leadId)).toBe(0);
  });
});
