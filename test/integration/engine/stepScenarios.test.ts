import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stepTypes, type StepType } from '../../../src/shared/script';
import { runScenario } from '../../../src/main/simulate/runScenario';
import { listFiles, loadScenario, loadScript } from '../../support/loadJson';

// Every folder under test/scenarios/steps holds script.json and one or more *scenario.json files.
const root = 'test/scenarios/steps';
const cases = readdirSync(root).flatMap((dir) =>
  listFiles(join(root, dir), 'scenario.json').map((scenario) => ({ name: `${dir}/${scenario.split('/').pop()}`, script: join(root, dir, 'script.json'), scenario })),
);

describe('step scenarios (scripted AI, virtual clock, real SQLite)', () => {
  it.each(cases)('$name', async ({ script, scenario }) => {
    const outcome = await runScenario(loadScript(script), loadScenario(scenario), { ai: 'scripted' });
    expect(outcome.failures.map((f) => `#${f.action + 1} ${f.message}`)).toEqual([]);
    expect(outcome.ok).toBe(true);
  });

  it('covers every step type', () => {
    const used = new Set<StepType>();
    for (const dir of readdirSync(root)) {
      for (const flow of loadScript(join(root, dir, 'script.json')).flows) for (const step of flow.steps) used.add(step.type);
    }
    // webhook is covered against a real HTTP server in webhook.test.ts
    used.add('webhook');
    expect(stepTypes.filter((t) => !used.has(t))).toEqual([]);
  });

  it('fails a scenario whose expectation does not hold, naming it', async () => {
    const script = loadScript(join(root, 'basics', 'script.json'));
    const outcome = await runScenario(script, loadScenario(join(root, 'basics', 'scenario.json')), { ai: 'scripted' });
    expect(outcome.ok).toBe(true);
    const wrong = loadScenario(join(root, 'basics', 'scenario.json'));
    wrong.actions.splice(1, 1, { expect: { step: 'Offer', sent: 'nonexistent text' } });
    const failed = await runScenario(script, wrong, { ai: 'scripted' });
    expect(failed.ok).toBe(false);
    expect(failed.failures.map((f) => f.message)).toEqual([
      'step: expected "Offer", lead is at "Intro / Hello"',
      expect.stringContaining('sent: no message matching /nonexistent text/i'),
    ]);
  });
});
