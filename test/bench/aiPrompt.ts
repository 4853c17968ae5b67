import { encodeChat } from 'gpt-tokenizer/model/gpt-4o';
import { LocalOcr } from '../../src/main/ai/ocr';
import { createOpenAiPort } from '../../src/main/ai/openAiPort';
import { createResilientAi } from '../../src/main/ai/resilientAi';
import { runScenario } from '../../src/main/simulate/runScenario';
import { defaultAiProvider } from '../../src/shared/aiSettings';
import { startFakeOpenAI, type RecordedRequest } from '../support/fake-openai';
import { loadScenario, loadScript } from '../support/loadJson';
import { programFakeOpenAI } from '../support/programFakeOpenAI';
import { tempDir } from '../support/tempDb';
import { print } from './stats';

type ChatMessages = Parameters<typeof encodeChat>[0];

/**
 * Prompt size of the cloud template's hub conversation, counted with the real gpt-4o tokenizer on
 * the exact messages our adapter sent over HTTP (to the local OpenAI-compatible server).
 */
export async function benchAiPrompt(): Promise<void> {
  const server = await startFakeOpenAI();
  const script = loadScript('resources/templates/postback-cloud-funnel.json');
  const requests: RecordedRequest[] = [];
  let turnsWithAi = 0;
  // Called before each scenario action: what the previous action sent is one turn's AI traffic.
  const collect = (): void => {
    const chats = server.requests.filter((r) => r.chat);
    if (chats.length) turnsWithAi++;
    requests.push(...chats);
  };
  const ocr = new LocalOcr();
  const provider = createOpenAiPort({ provider: { ...defaultAiProvider, baseUrl: server.baseURL, maxRetries: 0 }, apiKey: server.apiKey, dataDir: tempDir() });
  await runScenario(script, loadScenario('test/scenarios/templates/postback-cloud-funnel.hub.json'), {
    ai: createResilientAi({ provider: () => provider, ocr, dataDir: tempDir() }),
    onAiTurn: (turn, now) => {
      collect();
      programFakeOpenAI(server, script, turn, now);
    },
  });
  collect();
  await server.close();
  await ocr.close();

  const calls = requests.map((r) => ({ kind: r.chat?.response_format ? 'route' : 'reply', tokens: encodeChat((r.chat?.messages ?? []) as ChatMessages).length }));
  const total = calls.reduce((sum, c) => sum + c.tokens, 0);
  const avg = (kind: string) => {
    const list = calls.filter((c) => c.kind === kind);
    return list.length ? list.reduce((s, c) => s + c.tokens, 0) / list.length : 0;
  };
  print('ai.calls', calls.length, 0);
  print('ai.prompt_tokens_per_call', total / Math.max(1, calls.length), 0);
  print('ai.prompt_tokens_route_call', avg('route'), 0);
  print('ai.prompt_tokens_reply_call', avg('reply'), 0);
  print('ai.turns', turnsWithAi, 0);
  print('ai.prompt_tokens_per_turn', total / Math.max(1, turnsWithAi), 0);
}

