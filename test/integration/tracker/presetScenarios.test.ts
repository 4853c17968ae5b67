import { describe, expect, it } from 'vitest';
import { runScenario } from '../../../src/main/simulate/runScenario';
import { listFiles, loadScenario, loadScript } from '../../support/loadJson';

// One scenario per preset: real HTTP requests in each tracker's own parameter names go to the real
// listener (port 0) and move the lead exactly as the script's auto actions say.
const dir = 'test/scenarios/tracker';
const scenarios = listFiles(dir, '.json').filter((f) => !f.endsWith('script.json'));

describe('tracker presets end to end', () => {
  it('covers every preset', () => {
    expect(scenarios.map((f) => f.split('/').pop()?.replace('.json', '')).sort()).toEqual(['bemob', 'binom', 'custom', 'igaming', 'keitaro', 'redtrack', 'voluum']);
  });

  it.each(scenarios)('%s', async (file) => {
    const outcome = await runScenario(loadScript(`${dir}/script.json`), loadScenario(file), { ai: 'scripted' });
    expect(outcome.failures.map((f) => `#${f.action + 1} ${f.message}`)).toEqual([]);
  });
});
