import { readdirSync, readFileSync } from 'node:fs';
import { englishText } from '../../src/shared/appMessage';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenario, type ScenarioOutcome } from '../../src/main/simulate/runScenario';
import { scenarioSchema } from '../../src/shared/scenario';
import { validateScript, type Script } from '../../src/shared/script';

/**
 * The shipped funnel templates (resources/templates) run against their scenarios
 * (test/scenarios/templates/<template>.<case>.json) on the real engine; `*.offline.json` scenarios
 * run without an AI provider (keyword routing and local time parsing only).
 */
const root = join(__dirname, '..', '..');
const templatesDir = join(root, 'resources', 'templates');
const scenariosDir = join(root, 'test', 'scenarios', 'templates');
const templateNames = ['screenshot-funnel', 'postback-cloud-funnel'] as const;

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8')) as unknown;
}

function loadTemplate(name: string): Script {
  const validation = validateScript(readJson(join(templatesDir, `${name}.json`)));
  if (!validation.ok) {
    const problems = validation.problems.map((p) => `${p.path}: ${englishText(p)}`).join('\n');
    throw new Error(`Template ${name} is invalid:\n${problems}`);
  }
  return validation.script;
}

function report(outcome: ScenarioOutcome): string {
  const failures = outcome.failures.map((f) => `  action #${f.action}: ${f.message}`).join('\n');
  const transcript = outcome.transcript.map((line) => `  ${line.kind.padEnd(8)} ${line.text}`).join('\n');
  return `${outcome.failures.length} failed expectation(s):\n${failures}\nTranscript:\n${transcript}`;
}

const scenarioFiles = readdirSync(scenariosDir)
  .filter((file) => file.endsWith('.json'))
  .sort();

describe('funnel templates', () => {
  it.each(templateNames)('%s is valid, with every step reachable', (name) => {
    const validation = validateScript(readJson(join(templatesDir, `${name}.json`)));
    if (!validation.ok) expect.fail(validation.problems.map((p) => `${p.path}: ${englishText(p)}`).join('\n'));
    const unreachable = validation.warnings.filter((w) => w.code === 'stepUnreachable');
    expect(unreachable, unreachable.map((w) => `${w.path}: ${englishText(w)}`).join('\n')).toEqual([]);
    expect(validation.warnings).toEqual([]);
  });

  it('has scenarios for every template, each named after a template', () => {
    for (const name of templateNames) expect(scenarioFiles.some((file) => file.startsWith(`${name}.`))).toBe(true);
    for (const file of scenarioFiles) expect(templateNames.some((name) => file.startsWith(`${name}.`)), file).toBe(true);
  });

  it.each(scenarioFiles)('%s passes', async (file) => {
    const templateName = templateNames.find((name) => file.startsWith(`${name}.`));
    if (!templateName) return expect.fail(`${file}: the file name must start with a template name (${templateNames.join(', ')})`);
    const parsed = scenarioSchema.safeParse(readJson(join(scenariosDir, file)));
    if (!parsed.success) return expect.fail(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    const outcome = await runScenario(loadTemplate(templateName), parsed.data, { ai: file.endsWith('.offline.json') ? 'offline' : 'scripted' });
    expect(outcome.ok, report(outcome)).toBe(true);
  });
});
