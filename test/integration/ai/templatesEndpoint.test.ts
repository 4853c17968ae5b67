import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalOcr } from '../../../src/main/ai/ocr';
import { createOpenAiPort } from '../../../src/main/ai/openAiPort';
import { createResilientAi } from '../../../src/main/ai/resilientAi';
import { runScenario } from '../../../src/main/simulate/runScenario';
import { defaultAiProvider } from '../../../src/shared/aiSettings';
import { startFakeOpenAI, type FakeOpenAI } from '../../support/fake-openai';
import { loadScenario, loadScript } from '../../support/loadJson';
import { programFakeOpenAI } from '../../support/programFakeOpenAI';
import { tempDir } from '../../support/tempDb';

// The template scenarios again, but every AI call goes through the real `openai` SDK, our prompt
// layout and structured outputs, over HTTP to the local OpenAI-compatible server.
const scenariosDir = 'test/scenarios/templates';
const files = readdirSync(scenariosDir).filter((f) => f.endsWith('.json') && !f.endsWith('.offline.json')).sort();

let server: FakeOpenAI;
const dataDir = tempDir();
const ocr = new LocalOcr();
beforeAll(async () => {
  server = await startFakeOpenAI();
});
afterAll(async () => {
  await server.close();
  await ocr.close();
});

describe('template scenarios through the real SDK and a local OpenAI-compatible server', () => {
  it.each(files)('%s', async (file) => {
    const template = file.startsWith('screenshot-funnel.') ? 'screenshot-funnel' : 'postback-cloud-funnel';
    const script = loadScript(`resources/templates/${template}.json`);
    const scenario = loadScenario(join(scenariosDir, file));
    for (const action of scenario.actions) {
      if ('photo' in action) {
        mkdirSync(dirname(join(dataDir, action.photo)), { recursive: true });
        writeFileSync(join(dataDir, action.photo), Buffer.from('89504e470d0a1a0a', 'hex'));
      }
    }
    const provider = createOpenAiPort({ provider: { ...defaultAiProvider, baseUrl: server.baseURL, maxRetries: 0, timeoutSeconds: 5 }, apiKey: server.apiKey, dataDir });
    const ai = createResilientAi({ provider: () => provider, ocr, dataDir });
    const outcome = await runScenario(script, scenario, { ai, onAiTurn: (turn, now) => programFakeOpenAI(server, script, turn, now) });
    expect(outcome.failures.map((f) => `#${f.action + 1} ${f.message}`)).toEqual([]);
  });

  it('really went through HTTP: structured routing and replies were requested', async () => {
    const script = loadScript('resources/templates/postback-cloud-funnel.json');
    const provider = createOpenAiPort({ provider: { ...defaultAiProvider, baseUrl: server.baseURL, maxRetries: 0 }, apiKey: server.apiKey, dataDir });
    const ai = createResilientAi({ provider: () => provider, ocr, dataDir });
    await runScenario(script, loadScenario(join(scenariosDir, 'postback-cloud-funnel.hub.json')), {
      ai,
      onAiTurn: (turn, now) => programFakeOpenAI(server, script, turn, now),
    });
    const formats = server.requests.map((r) => (r.body as { response_format?: { json_schema?: { name?: string } } }).response_format?.json_schema?.name ?? 'text');
    expect(formats).toContain('route_decision');
    expect(formats).toContain('text');
  });
});
