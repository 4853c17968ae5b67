import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalOcr } from '../../../src/main/ai/ocr';
import { createOpenAiPort } from '../../../src/main/ai/openAiPort';
import { createResilientAi } from '../../../src/main/ai/resilientAi';
import { runScenario } from '../../../src/main/simulate/runScenario';
import { defaultAiProvider } from '../../../src/shared/aiSettings';
import { scenarioSchema } from '../../../src/shared/scenario';
import { validateScript, type Script } from '../../../src/shared/script';
import { startFakeOpenAI, type Fault, type FakeOpenAI } from '../../support/fake-openai';
import { tempDir } from '../../support/tempDb';

// Each provider fault, injected on a real HTTP exchange with the real SDK: the lead ends where the
// step's failure policy says, the timeline explains why, and no error text ever reaches the lead.

let server: FakeOpenAI;
const ocr = new LocalOcr();
beforeAll(async () => {
  server = await startFakeOpenAI();
});
afterAll(async () => {
  await server.close();
  await ocr.close();
});

function script(policy: 'manual' | 'fallback' | 'retry'): Script {
  const result = validateScript({
    formatVersion: 1,
    name: 'Faults',
    startFlow: 'main',
    flows: [
      {
        id: 'main',
        name: 'Main',
        start: 'hub',
        steps: [{ id: 'hub', type: 'ai_reply', title: 'Hub', endless: true, onAiFailure: policy, fallbackText: 'Минутку, я скоро вернусь.' }],
      },
    ],
  });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.script;
}

const faults: [string, Fault | 'badKey' | 'noModel'][] = [
  ['429 rate limit', { kind: 'rateLimit', retryAfterSeconds: 0 }],
  ['500 server error', { kind: 'serverError', status: 500 }],
  ['connection reset', { kind: 'connectionReset' }],
  ['timeout', { kind: 'timeout' }],
  ['malformed JSON', { kind: 'malformedJson' }],
  ['bad API key', 'badKey'],
  ['missing model', 'noModel'],
];

async function run(policy: 'manual' | 'fallback' | 'retry', fault: Fault | 'badKey' | 'noModel') {
  server.reset();
  if (fault !== 'badKey' && fault !== 'noModel') server.failNext(fault, 100);
  const hangs = typeof fault === 'object' && fault.kind === 'timeout';
  const provider = createOpenAiPort({
    provider: {
      ...defaultAiProvider,
      baseUrl: server.baseURL,
      // One retry shows retries happen; a 1 s timeout keeps the hanging case short.
      maxRetries: hangs ? 0 : 1,
      timeoutSeconds: hangs ? 1 : 5,
      models: { ...defaultAiProvider.models, reply: fault === 'noModel' ? 'no-such-model' : 'gpt-4o-mini' },
    },
    apiKey: fault === 'badKey' ? 'sk-wrong' : server.apiKey,
    dataDir: tempDir(),
  });
  const ai = createResilientAi({ provider: () => provider, ocr, dataDir: tempDir() });
  const scenario = scenarioSchema.parse({ actions: [{ say: 'привет, расскажите подробнее' }] });
  return runScenario(script(policy), scenario, { ai });
}

describe('AI provider faults', () => {
  it.each(faults)('%s → manual policy: a human takes over and the timeline says why', async (_name, fault) => {
    const outcome = await run('manual', fault);
    expect(outcome.final.status).toBe('manual');
    expect(outcome.transcript.filter((l) => l.kind === 'bot')).toEqual([]);
    const system = outcome.transcript.find((l) => l.text.startsWith('status: manual'))?.text ?? '';
    expect(system).toMatch(/AI unavailable: (The AI provider|Cannot reach|Model "no-such-model"|The AI provider rejected the API key)/);
    expect(outcome.final.stepErrors).toEqual([]);
  });

  it('fallback policy: the lead gets the script\'s fixed text, never the error', async () => {
    const outcome = await run('fallback', { kind: 'serverError', status: 502 });
    expect(outcome.final.status).toBe('waiting');
    expect(outcome.transcript.filter((l) => l.kind === 'bot').map((l) => l.text)).toEqual(['Минутку, я скоро вернусь.']);
  });

  it('retry policy: the lead waits and the answer comes when the provider is back', async () => {
    const outcome = await (async () => {
      server.reset();
      server.failNext({ kind: 'serverError', status: 500 }, 1);
      const provider = createOpenAiPort({ provider: { ...defaultAiProvider, baseUrl: server.baseURL, maxRetries: 0 }, apiKey: server.apiKey, dataDir: tempDir() });
      const ai = createResilientAi({ provider: () => provider, ocr, dataDir: tempDir() });
      server.when({ predicate: (req) => !req.response_format }).reply('Вернулась! Отвечаю на ваш вопрос.');
      const scenario = scenarioSchema.parse({ actions: [{ say: 'привет' }, { expect: { status: 'waiting', nothingSent: true, events: ['ai.failed'] } }, { advance: '1m' }, { expect: { sent: 'Вернулась' } }] });
      return runScenario(script('retry'), scenario, { ai });
    })();
    expect(outcome.failures.map((f) => f.message)).toEqual([]);
  });

  it('a structured answer that breaks its schema is asked once more, then falls back to keywords', async () => {
    server.reset();
    const provider = createOpenAiPort({ provider: { ...defaultAiProvider, baseUrl: server.baseURL, maxRetries: 0 }, apiKey: server.apiKey, dataDir: tempDir() });
    const ai = createResilientAi({ provider: () => provider, ocr, dataDir: tempDir() });
    server.when({ schemaName: 'route_decision' }).fail({ kind: 'schemaViolation' });
    const decision = await ai.route({
      conversation: { settings: { globalLegend: '', globalConstraints: '', responseStyle: '', neverSay: [], models: {}, temperature: 0.7, historyLimit: 20 }, timezone: 'UTC', step: { title: '', goal: '', legend: '', instructions: '', requirements: '' }, lead: { name: '', username: null, tags: [], fields: {}, tracker: {} }, history: [], input: 'я уже зарегистрирован' },
      routes: [{ id: 'reg', title: 'Registered', condition: 'has an account', examples: ['уже зарегистрирован'], once: false, target: 'x' }],
      requirements: '',
    });
    expect(server.requests.filter((r) => r.path.endsWith('/chat/completions'))).toHaveLength(2);
    expect(decision.routeId).toBe('reg');
    expect(decision.reason).toMatch(/did not match the expected format.*keyword fallback/);
  });
});
