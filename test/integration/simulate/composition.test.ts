import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isComposedEngine } from '../../../src/main/composeFunnel';
import { createResilientAi } from '../../../src/main/ai/resilientAi';
import { LocalOcr } from '../../../src/main/ai/ocr';
import { createSimulationWorld } from '../../../src/main/simulate/simulationWorld';
import { validateScript } from '../../../src/shared/script';
import { testApp } from '../../support/appFixture';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') || path.endsWith('.tsx') ? [path] : [];
  });
}

/** Files under src/ whose code (comments aside) contains `needle`. */
function filesCalling(needle: string): string[] {
  return sources('src')
    .filter((file) => readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '').includes(needle))
    .map((file) => relative('src', file));
}

const closers: (() => unknown)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

describe('the simulator runs the production composition', () => {
  it('the app and the scenario runner both get their engine from composeFunnel', () => {
    const app = testApp();
    closers.push(() => app.close());
    const parsed = validateScript({ formatVersion: 1, name: 's', startFlow: 'f', flows: [{ id: 'f', name: 'f', start: 'a', steps: [{ id: 'a', type: 'end' }] }] });
    if (!parsed.ok) throw new Error('invalid test script');
    const ocr = new LocalOcr();
    const world = createSimulationWorld({ script: parsed.script, ai: createResilientAi({ provider: () => undefined, ocr, dataDir: '.' }), start: 0, seed: 1 });
    closers.push(() => world.close());
    expect(isComposedEngine(app.engine)).toBe(true);
    expect(isComposedEngine(world.engine)).toBe(true);
  });

  it('nothing else builds an engine, a tracker or stores an incoming message', () => {
    // One construction site each: a second one is where simulation and production would drift apart.
    expect(filesCalling('new Engine(')).toEqual(['main/composeFunnel.ts']);
    expect(filesCalling('createTrackerService(')).toEqual(['main/composeFunnel.ts', 'main/tracker/trackerService.ts']);
    expect(filesCalling('insertIncoming(').sort()).toEqual(['main/db/repositories/messagesRepo.ts', 'main/inbound/receiveMessage.ts']);
  });
});
