import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { scenarioSchema } from '../shared/scenario';
import { formatPath, validateScript, type ScriptProblem } from '../shared/script';
import { formatTime, runScenario, type AiMode } from './simulate/runScenario';

/**
 * `voronka validate SCRIPT.json` and `voronka simulate SCRIPT.json SCENARIO.json [--json] [--ai …]`.
 * Exit codes: 0 all good; 1 an expectation failed; 2 invalid script, scenario or usage.
 */
const usage = `Usage:
  voronka validate SCRIPT.json
  voronka simulate SCRIPT.json SCENARIO.json [--json] [--ai scripted|offline|endpoint]
`;

class UsageError extends Error {}

function readJson(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UsageError(`Cannot read the ${what} file ${path}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`The ${what} file ${path} is not valid JSON: ${(error as Error).message}`);
  }
}

function printProblems(title: string, problems: ScriptProblem[]): void {
  process.stderr.write(`${title}\n`);
  for (const p of problems) process.stderr.write(`  ${p.path || '(root)'}: ${p.message}\n`);
}

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false }, ai: { type: 'string', default: 'scripted' }, help: { type: 'boolean', short: 'h' } },
  });
  const [command, scriptPath, scenarioPath] = positionals;
  if (values.help || !command) {
    process.stdout.write(usage);
    return values.help ? 0 : 2;
  }
  if (command !== 'validate' && command !== 'simulate') throw new UsageError(`Unknown command "${command}"\n${usage}`);
  if (!scriptPath) throw new UsageError(`Give the script file\n${usage}`);

  const validation = validateScript(readJson(scriptPath, 'script'));
  if (!validation.ok) {
    printProblems(`${scriptPath}: ${validation.problems.length} problem(s)`, validation.problems);
    return 2;
  }
  if (command === 'validate') {
    const { script, warnings } = validation;
    const steps = script.flows.reduce((n, f) => n + f.steps.length, 0);
    process.stdout.write(`${scriptPath}: valid — "${script.name}", ${script.flows.length} flow(s), ${steps} step(s)\n`);
    for (const w of warnings) process.stdout.write(`  warning ${w.path}: ${w.message}\n`);
    return 0;
  }

  if (!scenarioPath) throw new UsageError(`Give the scenario file\n${usage}`);
  const scenario = scenarioSchema.safeParse(readJson(scenarioPath, 'scenario'));
  if (!scenario.success) {
    printProblems(
      `${scenarioPath}: ${scenario.error.issues.length} problem(s)`,
      scenario.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })),
    );
    return 2;
  }
  if (values.ai === 'endpoint') throw new UsageError('--ai endpoint needs the AI provider layer, which is not in this build yet; use scripted or offline');
  if (values.ai !== 'scripted' && values.ai !== 'offline') throw new UsageError(`--ai must be scripted, offline or endpoint, not "${values.ai}"`);

  const outcome = await runScenario(validation.script, scenario.data, { ai: values.ai as AiMode });
  if (values.json) {
    process.stdout.write(JSON.stringify(outcome, null, 2) + '\n');
  } else {
    const label: Record<string, string> = { lead: 'lead    ', bot: 'bot     ', operator: 'operator', system: '·       ', expect: '✓       ', fail: '✗       ' };
    process.stdout.write(`${validation.script.name} — times in ${validation.script.timezone}\n`);
    for (const line of outcome.transcript) process.stdout.write(`${formatTime(line.at, validation.script.timezone)}  ${label[line.kind]}  ${line.text}\n`);
    process.stdout.write(
      outcome.ok
        ? `\nPASS ${scenario.data.name || scenarioPath}: every expectation held. Lead at ${outcome.final.flow ?? '-'} / ${outcome.final.step ?? '-'} (${outcome.final.status}).\n`
        : `\nFAIL ${scenario.data.name || scenarioPath}:\n${outcome.failures.map((f) => `  action #${f.action + 1}: ${f.message}`).join('\n')}\n`,
    );
  }
  return outcome.ok ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') ? 2 : 1);
  },
);
