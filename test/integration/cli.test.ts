import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { tempDir } from '../support/tempDb';

// The built `voronka` CLI, as a user runs it: output and exit codes (0 ok, 1 expectation failed,
// 2 invalid script/scenario/usage).
beforeAll(() => {
  if (!existsSync('out/main/cli.js')) throw new Error('Build first: npm run build');
});

function voronka(...args: string[]) {
  const result = spawnSync(process.execPath, ['out/main/cli.js', ...args], { encoding: 'utf8' });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

const dir = tempDir();
const file = (name: string, json: unknown): string => {
  const path = join(dir, name);
  writeFileSync(path, typeof json === 'string' ? json : JSON.stringify(json));
  return path;
};

describe('voronka CLI', () => {
  it('validate: 0 for a valid script, 2 with every problem and its path for an invalid one', () => {
    const ok = voronka('validate', 'resources/templates/screenshot-funnel.json');
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/valid — ".+", 3 flow\(s\)/);
    const bad = voronka('validate', file('bad.json', { formatVersion: 1, name: 'x', startFlow: 'nope', flows: [{ id: 'f', name: 'F', start: 'a', steps: [{ id: 'a', type: 'goto', target: 'zz' }] }] }));
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('startFlow: Flow "nope" does not exist');
    expect(bad.err).toContain('flows[0].steps[0].target: Step "zz" is not in flow "F"');
    expect(voronka('validate', file('notjson.json', '{')).code).toBe(2);
    expect(voronka('validate', join(dir, 'missing.json')).code).toBe(2);
  });

  it('simulate: 0 when every expectation holds, 1 naming the one that fails, 2 for an invalid scenario', () => {
    const script = 'test/scenarios/steps/basics/script.json';
    const pass = voronka('simulate', script, 'test/scenarios/steps/basics/scenario.json');
    expect(pass.code).toBe(0);
    expect(pass.out).toMatch(/PASS basics/);
    const fail = voronka('simulate', script, file('fail.json', { actions: [{ say: 'привет' }, { expect: { step: 'Offer' } }] }));
    expect(fail.code).toBe(1);
    expect(fail.out).toContain('action #2: step: expected "Offer", lead is at "Intro / Hello"');
    const invalid = voronka('simulate', script, file('invalid.json', { actions: [{ shout: 'x' }] }));
    expect(invalid.code).toBe(2);
    expect(invalid.err).toMatch(/actions\[0\]/);
    const json = voronka('simulate', script, 'test/scenarios/steps/basics/scenario.json', '--json');
    expect(JSON.parse(json.out)).toMatchObject({ ok: true, failures: [] });
    expect(voronka('simulate', script, 'test/scenarios/steps/basics/scenario.json', '--ai', 'psychic').code).toBe(2);
    expect(voronka('frobnicate').code).toBe(2);
  });
});
