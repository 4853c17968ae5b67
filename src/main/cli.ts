import { dirname, resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { scenarioSchema } from '../shared/scenario';
import { englishText, isMessageCode, msg, textMessage } from '../shared/appMessage';
import { aiProviderSchema, defaultAiProvider } from '../shared/aiSettings';
import { compileUserRegex, formatPath, validateScript, type ScriptProblem } from '../shared/script';
import { LocalOcr } from './ai/ocr';
import { createOpenAiPort } from './ai/openAiPort';
import { createResilientAi } from './ai/resilientAi';
import type { AiPort } from './engine/ports';
import { extractByPattern } from './engine/steps/extractByPattern';
import { formatTime, runScenario, type AiMode } from './simulate/runScenario';

/**
 * `voronka validate SCRIPT.json` and `voronka simulate SCRIPT.json SCENARIO.json [--json] [--ai …]`.
 * Exit codes: 0 all good; 1 an expectation failed; 2 invalid script, scenario or usage.
 */
const usage = `Usage:
  voronka validate SCRIPT.json
  voronka simulate SCRIPT.json SCENARIO.json [--json] [--ai scripted|offline|endpoint]
      endpoint: --base-url URL (default $OPENAI_BASE_URL or OpenAI), key from $OPENAI_API_KEY,
                --model NAME for every role (default gpt-4o-mini)
      --real-http: webhooks and tracker events really go out (by default nothing is sent)
  voronka recognize IMAGE [--pattern REGEX]   local OCR, as image steps use it offline
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
  for (const p of problems) process.stderr.write(`  ${p.path || '(root)'}: ${englishText(p)}\n`);
}

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      ai: { type: 'string', default: 'scripted' },
      'base-url': { type: 'string' },
      model: { type: 'string' },
      pattern: { type: 'string' },
      'real-http': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, scriptPath, scenarioPath] = positionals;
  if (values.help || !command) {
    process.stdout.write(usage);
    return values.help ? 0 : 2;
  }
  if (command === 'recognize') return recognize(scriptPath, values.pattern);
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
    for (const w of warnings) process.stdout.write(`  warning ${w.path}: ${englishText(w)}\n`);
    return 0;
  }

  if (!scenarioPath) throw new UsageError(`Give the scenario file\n${usage}`);
  const scenario = scenarioSchema.safeParse(readJson(scenarioPath, 'scenario'));
  if (!scenario.success) {
    printProblems(
      `${scenarioPath}: ${scenario.error.issues.length} problem(s)`,
      scenario.error.issues.map((i) => ({ path: formatPath(i.path), ...(isMessageCode(i.message) ? msg(i.message) : textMessage(i.message)) })),
    );
    return 2;
  }
  if (values.ai !== 'scripted' && values.ai !== 'offline' && values.ai !== 'endpoint') throw new UsageError(`--ai must be scripted, offline or endpoint, not "${values.ai}"`);
  const ai = values.ai === 'endpoint' ? endpointAi(values['base-url'], values.model) : (values.ai as AiMode);
  // Webhooks and tracker events reach nobody unless asked: a test run must not post real conversions.
  const http = values['real-http'] ? (await import('./http/outboundHttp')).createOutboundHttp() : undefined;
  // A photo's path is relative to the scenario file (local OCR reads it when the provider is down).
  const outcome = await runScenario(validation.script, scenario.data, { ai, photoDir: dirname(resolve(scenarioPath)), ...(http ? { http } : {}) });
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

/** The real provider for `--ai endpoint`, with the offline fallbacks the app uses. */
function endpointAi(baseUrl: string | undefined, model: string | undefined): AiPort {
  const url = baseUrl ?? process.env.OPENAI_BASE_URL ?? defaultAiProvider.baseUrl;
  const name = model ?? defaultAiProvider.models.reply;
  const provider = aiProviderSchema.safeParse({ ...defaultAiProvider, baseUrl: url, models: { router: name, reply: name, vision: name } });
  if (!provider.success) throw new UsageError(`--base-url: ${provider.error.issues[0]?.message}`);
  const port = createOpenAiPort({ provider: provider.data, apiKey: process.env.OPENAI_API_KEY ?? null, dataDir: process.cwd() });
  return createResilientAi({ provider: () => port, ocr: new LocalOcr(), dataDir: process.cwd() });
}

async function recognize(imagePath: string | undefined, pattern: string | undefined): Promise<number> {
  if (!imagePath) throw new UsageError(`Give the image file\n${usage}`);
  if (pattern !== undefined && !compileUserRegex(pattern)) throw new UsageError(`--pattern is not a valid regular expression: ${pattern}`);
  let image: Buffer;
  try {
    image = readFileSync(imagePath);
  } catch {
    throw new UsageError(`Cannot read the image file ${imagePath}`);
  }
  const ocr = new LocalOcr();
  try {
    const text = await ocr.read(image);
    const value = pattern === undefined ? null : (extractByPattern(text, pattern) ?? null);
    process.stdout.write(JSON.stringify({ text, pattern: pattern ?? null, value }, null, 2) + '\n');
    return pattern === undefined || value !== null ? 0 : 1;
  } finally {
    await ocr.close();
  }
}
