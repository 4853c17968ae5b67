import { afterEach, describe, expect, it } from 'vitest';
import { createResilientAi } from '../../../src/main/ai/resilientAi';
import { LocalOcr } from '../../../src/main/ai/ocr';
import { eventsOfType } from '../../../src/main/db/repositories/eventsRepo';
import { createSimulationWorld, type SimulationWorld } from '../../../src/main/simulate/simulationWorld';
import { validateScript } from '../../../src/shared/script';

const parsed = validateScript({
  formatVersion: 1,
  name: 'pause',
  startFlow: 'f',
  flows: [
    {
      id: 'f',
      name: 'F',
      start: 'hi',
      steps: [
        { id: 'hi', type: 'message', messages: [{ text: 'Привет' }], waitForReply: true, next: 'pause' },
        { id: 'pause', type: 'wait', title: 'Pause', until: { kind: 'duration', duration: '2h' }, onMessage: 'ignore', next: 'end' },
        { id: 'end', type: 'end' },
      ],
    },
  ],
});

let world: SimulationWorld | undefined;
afterEach(() => world?.close());

describe('no lead waits forever', () => {
  it('a paused lead whose timer is gone goes to a human with the reason on its next turn', async () => {
    if (!parsed.ok) throw new Error('invalid test script');
    world = createSimulationWorld({ script: parsed.script, ai: createResilientAi({ provider: () => undefined, ocr: new LocalOcr(), dataDir: '.' }), start: Date.parse('2026-03-02T12:00:00+03:00'), seed: 1, tracker: { clickid: 'c1' } });
    await world.receive('привет');
    await world.receive('ок');
    expect(world.store.lead(world.leadId)).toMatchObject({ status: 'paused', position: { stepId: 'pause' } });
    // Lost timer (what the old takeover/release did): nothing would ever wake this lead.
    world.db.prepare('DELETE FROM jobs WHERE lead_id = ?').run(world.leadId);
    await world.engine.event(world.leadId, { name: 'visit', source: 'api' });
    expect(world.store.lead(world.leadId)).toMatchObject({ status: 'manual', statusReason: { code: 'nothingCanWake', params: { step: 'Pause' } } });
    expect(eventsOfType(world.db, world.leadId, 'guard.stuck')).toEqual([{ stepId: 'pause', reason: 'Nothing can wake this lead: paused at "Pause" with no timer', detail: { code: 'nothingCanWake', params: { step: 'Pause' } } }]);
  });

  it('a paused lead with its timer is left alone', async () => {
    if (!parsed.ok) throw new Error('invalid test script');
    world = createSimulationWorld({ script: parsed.script, ai: createResilientAi({ provider: () => undefined, ocr: new LocalOcr(), dataDir: '.' }), start: Date.parse('2026-03-02T12:00:00+03:00'), seed: 1, tracker: { clickid: 'c1' } });
    await world.receive('привет');
    await world.receive('ок');
    await world.engine.event(world.leadId, { name: 'visit', source: 'api' });
    expect(world.store.lead(world.leadId)?.status).toBe('paused');
    expect(eventsOfType(world.db, world.leadId, 'guard.stuck')).toEqual([]);
  });
});
