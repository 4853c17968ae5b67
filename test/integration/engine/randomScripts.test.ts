import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../../src/main/simulate/runScenario';
import { scenarioSchema, type ScenarioAction } from '../../../src/shared/scenario';
import { validateScript } from '../../../src/shared/script';

// Property: any valid script, driven by any sequence of lead messages, photos, postbacks, clock
// jumps and operator actions, never crashes the engine and never sends an empty message.

const texts = ['привет', 'стоп', 'уже зарегистрирован', 'через час', 'вечером', 'ok', '', '123456789', 'не пишите мне'];

function stepArb(id: string, ids: string[], otherFlow: string) {
  const target = fc.constantFrom(...ids);
  const next = fc.option(target, { nil: undefined });
  return fc.oneof(
    fc.record({ id: fc.constant(id), type: fc.constant('message'), messages: fc.constant([{ text: 'Текст {{lead.first_name}}\nвторая строка' }]), splitLines: fc.boolean(), waitForReply: fc.boolean(), next }),
    fc.record({ id: fc.constant(id), type: fc.constant('tag'), add: fc.constant(['t1']), remove: fc.constant(['t2']), next }),
    fc.record({ id: fc.constant(id), type: fc.constant('set_field'), assignments: fc.constant([{ key: 'f1', value: '{{tracker.clickid}}' }]), next }),
    fc.record({ id: fc.constant(id), type: fc.constant('goto'), target }),
    fc.record({ id: fc.constant(id), type: fc.constant('end') }),
    fc.record({ id: fc.constant(id), type: fc.constant('manual'), reason: fc.constant('x') }),
    fc.record({ id: fc.constant(id), type: fc.constant('note'), next }),
    fc.record({ id: fc.constant(id), type: fc.constant('change_flow'), flow: fc.constant(otherFlow) }),
    fc.record({
      id: fc.constant(id),
      type: fc.constant('ab_router'),
      mode: fc.constantFrom('fixed', 'auto'),
      goalEvent: fc.constant('registration'),
      variants: fc.tuple(target, target, fc.integer({ min: 0, max: 100 })).map(([a, b, w]) => [
        { id: 'va', weight: w, target: a },
        { id: 'vb', weight: 100 - w, target: b },
      ]),
    }),
    fc.record({
      id: fc.constant(id),
      type: fc.constant('condition'),
      branches: fc.tuple(target).map(([t]) => [{ id: 'b1', match: 'any', rules: [{ kind: 'tag', op: 'has', tag: 't1' }, { kind: 'time', op: 'between', from: '09:00', to: '18:00' }], target: t }]),
      else: next,
    }),
    fc.record({
      id: fc.constant(id),
      type: fc.constant('wait'),
      until: fc.oneof(
        fc.constant({ kind: 'duration', duration: '30m' }),
        fc.constant({ kind: 'clock', time: '10:00' }),
        fc.constant({ kind: 'lead_time', fallback: '1h' }),
        fc.constant({ kind: 'event', events: ['registration'], timeout: '1d' }),
      ),
      onMessage: fc.constantFrom('ignore', 'queue', 'wake'),
      next: target,
    }),
    fc.record({
      id: fc.constant(id),
      type: fc.constant('ai_reply'),
      opening: fc.constantFrom({ mode: 'none' }, { mode: 'fixed', text: 'Привет' }, { mode: 'generated' }),
      endless: fc.boolean(),
      skipOnFirstRun: fc.boolean(),
      onAiFailure: fc.constantFrom('manual', 'fallback', 'retry'),
      fallbackText: fc.constant('Минутку'),
      routes: target.map((t) => [{ id: 'r1', title: 'Registered', condition: 'has account', examples: ['уже зарегистрирован'], once: true, target: t }]),
      pushes: fc.constant([{ after: '10m', text: 'Вы тут?' }]),
    }),
    fc.record({
      id: fc.constant(id),
      type: fc.constant('image_check'),
      tasks: fc.constant([{ field: 'f1', instruction: 'id', pattern: '(\\d{6,})' }]),
      maxAttempts: fc.integer({ min: 1, max: 3 }),
      onSuccess: target,
      onNoImage: next,
    }),
  );
}

const flowArb = (flowId: string, prefix: string, otherFlow: string) =>
  fc.integer({ min: 1, max: 8 }).chain((n) => {
    const ids = Array.from({ length: n }, (_, i) => `${prefix}${i}`);
    return fc.tuple(...ids.map((id) => stepArb(id, ids, otherFlow))).map((steps) => ({ id: flowId, name: flowId, start: ids[0], steps }));
  });

const scriptArb = fc.tuple(flowArb('A', 'a', 'B'), flowArb('B', 'b', 'A')).map(([a, b]) => ({
  formatVersion: 1,
  name: 'random',
  fields: [{ key: 'f1' }],
  tags: [{ name: 't1' }, { name: 't2' }],
  startFlow: 'A',
  flows: [a, b],
  autoActions: [{ id: 'aa', event: 'sale', actions: [{ type: 'goto', flow: 'B' }] }],
}));

const actionArb: fc.Arbitrary<ScenarioAction> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ say: fc.constantFrom(...texts) }) },
  { weight: 1, arbitrary: fc.record({ say: fc.constantFrom(...texts), ai: fc.record({ fail: fc.constant(true) }) }) },
  { weight: 1, arbitrary: fc.record({ photo: fc.constant('x.png'), ai: fc.record({ fields: fc.constant({ f1: 'ID 1234567' }) }) }) },
  { weight: 2, arbitrary: fc.record({ advance: fc.constantFrom('1m', '15m', '2h', '1d') }) },
  { weight: 1, arbitrary: fc.record({ postback: fc.record({ event: fc.constantFrom('registration', 'sale', 'resale'), payout: fc.constant(50) }) }) },
  { weight: 1, arbitrary: fc.constantFrom<ScenarioAction>({ operator: { takeover: true } }, { operator: { release: true } }, { operator: { say: 'Оператор' } }) },
);

describe('random valid scripts', () => {
  it('never crash the engine and never send an empty message', { timeout: 600_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(scriptArb, fc.array(actionArb, { minLength: 1, maxLength: 12 }), fc.constantFrom('scripted', 'offline'), async (raw, actions, ai) => {
        const parsed = validateScript(raw);
        if (!parsed.ok) throw new Error(`generator made an invalid script: ${JSON.stringify(parsed.problems)}`);
        const scenario = scenarioSchema.parse({ actions });
        const outcome = await runScenario(parsed.script, scenario, { ai: ai as 'scripted' | 'offline' });
        expect(outcome.failures).toEqual([]);
        expect(outcome.final.stepErrors).toEqual([]);
        for (const line of outcome.transcript) if (line.kind === 'bot') expect(line.text.trim()).not.toBe('');
      }),
      { numRuns: 150, seed: 20261128 },
    );
  });
});
