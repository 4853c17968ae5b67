import { readdirSync, readFileSync } from 'node:fs';
import { englishText } from '../../src/shared/appMessage';
import { join } from 'node:path';
import { scenarioSchema, type Scenario } from '../../src/shared/scenario';
import { validateScript, type Script } from '../../src/shared/script';

export function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** Loads and validates a script file; a test fixture that does not validate fails loudly. */
export function loadScript(path: string): Script {
  const result = validateScript(readJson(path));
  if (!result.ok) throw new Error(`${path} is invalid:\n${result.problems.map((p) => `${p.path}: ${englishText(p)}`).join('\n')}`);
  return result.script;
}

export function loadScenario(path: string): Scenario {
  return scenarioSchema.parse(readJson(path));
}

export function listFiles(dir: string, suffix: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(suffix))
    .sort()
    .map((f) => join(dir, f));
}
