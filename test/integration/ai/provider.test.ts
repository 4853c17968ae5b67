import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type VoronkaApp } from '../../../src/main/app';
import { createOpenAiPort } from '../../../src/main/ai/openAiPort';
import { createLogger } from '../../../src/main/log';
import { defaultAiProvider } from '../../../src/shared/aiSettings';
import type { AiConversation } from '../../../src/main/engine/ports';
import { startFakeOpenAI, type FakeOpenAI } from '../../support/fake-openai';
import { estimatePromptTokens } from '../../support/fake-openai/completion';
import { tempDir } from '../../support/tempDb';

let server: FakeOpenAI;
beforeAll(async () => {
  server = await startFakeOpenAI();
});
afterAll(() => server.close());

const conversation = (name: string, input: string): AiConversation => ({
  settings: { globalLegend: 'You are Alina.', globalConstraints: '18+ only.', responseStyle: 'Short, Russian.', neverSay: [], models: {}, temperature: 0.7, historyLimit: 20 },
  timezone: 'Europe/Moscow',
  step: { title: 'Hub', goal: 'Get a registration.', legend: '', instructions: 'Use "ты".', requirements: '' },
  lead: { name, username: null, tags: ['warm'], fields: {}, tracker: { clickid: `c-${name}` } },
  history: [{ direction: 'out', text: 'Привет!', hasMedia: false, ts: 0 }],
  input,
});

describe('OpenAI-compatible provider', () => {
  it('keeps the prompt prefix byte-identical across leads, so provider-side caching works', async () => {
    server.reset();
    const port = createOpenAiPort({ provider: { ...defaultAiProvider, baseUrl: server.baseURL }, apiKey: server.apiKey, dataDir: tempDir() });
    await port.reply({ conversation: conversation('Анна', 'привет'), purpose: 'reply' });
    await port.reply({ conversation: conversation('Олег', 'сколько стоит?'), purpose: 'reply' });
    const [a, b] = server.requests.map((r) => r.chat?.messages ?? []);
    expect(a?.[0]).toEqual(b?.[0]);
    expect(a?.[0]?.content).toContain('You are Alina.');
    expect(a?.[1]?.content).toContain('"name": "Анна"');
    expect(b?.[1]?.content).toContain('"clickid": "c-Олег"');
    // Lead-controlled values travel as quoted data in a user-role message, never in the system prompt.
    expect(a?.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user', 'system']);
  });

  it('reports tokens, latency and cost from the price table', async () => {
    server.reset();
    const port = createOpenAiPort({ provider: { ...defaultAiProvider, baseUrl: server.baseURL, prices: { 'gpt-4o-mini': { input: 1, output: 2 } } }, apiKey: server.apiKey, dataDir: tempDir() });
    const reply = await port.reply({ conversation: conversation('Анна', 'привет'), purpose: 'reply' });
    const request = server.requests[0]?.chat;
    if (!request) throw new Error('no request reached the server');
    expect(reply.usage?.tokensIn).toBe(estimatePromptTokens(request));
    expect(reply.usage?.costUsd).toBeCloseTo(((reply.usage?.tokensIn ?? 0) * 1 + (reply.usage?.tokensOut ?? 0) * 2) / 1e6, 10);
  });

  it('extracts a time and reads a screenshot with structured outputs', async () => {
    server.reset();
    server.when({ schemaName: 'time_extraction' }).reply({ at: '2026-03-02T20:00:00+03:00', reason: 'вечером' });
    const dir = tempDir();
    const { writeFileSync } = await import('node:fs');
    writeFileSync(`${dir}/shot.png`, Buffer.from('89504e470d0a1a0a', 'hex'));
    server.when({ schemaName: 'image_reading', hasImage: true }).reply({ values: { platform_id: '48213907' }, summary: 'profile' });
    const port = createOpenAiPort({ provider: { ...defaultAiProvider, baseUrl: server.baseURL }, apiKey: server.apiKey, dataDir: dir });
    expect((await port.extractTime({ text: 'вечером', now: Date.parse('2026-03-02T09:00:00Z'), timezone: 'Europe/Moscow' })).at).toBe(Date.parse('2026-03-02T17:00:00Z'));
    expect((await port.readImage({ imagePath: 'shot.png', tasks: [{ field: 'platform_id', instruction: 'ID' }] })).values).toEqual({ platform_id: '48213907' });
  });
});

describe('AI provider settings over RPC', () => {
  let app: VoronkaApp;
  beforeAll(() => {
    app = createApp({ dataDir: tempDir(), host: 'headless', version: 't', defaultLanguage: 'en', log: createLogger('t', { sink: () => {} }), tracker: { port: 0 } });
  });
  afterAll(() => app.close());

  it('starts offline, stores the key encrypted, never returns it, and tests the connection', async () => {
    expect(await app.rpc.dispatch('ai.provider.get', {})).toMatchObject({ ok: true, value: { hasKey: false, mode: 'offline' } });
    const set = await app.rpc.dispatch('ai.provider.set', { baseUrl: server.baseURL, apiKey: server.apiKey });
    expect(set).toMatchObject({ ok: true, value: { hasKey: true, mode: 'online', baseUrl: server.baseURL } });
    expect(JSON.stringify(set)).not.toContain(server.apiKey);
    const stored = app.db.prepare('SELECT group_concat(value) FROM settings').pluck().get() as string;
    expect(stored).not.toContain(server.apiKey);
    expect(await app.rpc.dispatch('ai.testConnection', {})).toMatchObject({ ok: true, value: { ok: true, missing: [], error: null } });
  });

  it('explains a bad key, a missing model and an unreachable host', async () => {
    await app.rpc.dispatch('ai.provider.set', { apiKey: 'sk-wrong' });
    expect(await app.rpc.dispatch('ai.testConnection', {})).toMatchObject({ value: { ok: false, error: { code: 'aiKeyRejected' } } });
    await app.rpc.dispatch('ai.provider.set', { apiKey: server.apiKey, models: { router: 'gpt-4o-mini', reply: 'gpt-9', vision: 'gpt-4o' } });
    expect(await app.rpc.dispatch('ai.testConnection', {})).toMatchObject({ value: { ok: false, missing: ['gpt-9'], error: { code: 'modelsNotOffered', params: { models: 'gpt-9' } } } });
    await app.rpc.dispatch('ai.provider.set', { baseUrl: 'http://127.0.0.1:9/v1' });
    expect(await app.rpc.dispatch('ai.testConnection', {})).toMatchObject({ value: { ok: false, error: { code: 'aiUnreachable', params: { baseUrl: 'http://127.0.0.1:9/v1' } } } });
    expect(await app.rpc.dispatch('ai.provider.set', { baseUrl: 'ftp://x' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});

describe('Test connection with unsaved settings (issue 15)', () => {
  let app: VoronkaApp;
  beforeAll(() => {
    app = createApp({ dataDir: tempDir(), host: 'headless', version: 't', defaultLanguage: 'en', log: createLogger('t', { sink: () => {} }), tracker: { port: 0 } });
  });
  afterAll(() => app.close());

  it('tests the form as typed against the local server and saves or activates nothing', async () => {
    const before = await app.rpc.dispatch('ai.provider.get', {});
    expect(before).toMatchObject({ ok: true, value: { baseUrl: 'https://api.openai.com/v1', hasKey: false, mode: 'offline' } });
    server.reset();
    const tested = await app.rpc.dispatch('ai.testConnection', { baseUrl: server.baseURL, apiKey: server.apiKey });
    expect(tested).toMatchObject({ ok: true, value: { ok: true, missing: [], error: null } });
    // The request really went to the typed URL with the typed key.
    expect(server.requests.length).toBeGreaterThan(0);
    // Reloaded settings are exactly as before: nothing saved, the AI still offline.
    expect(await app.rpc.dispatch('ai.provider.get', {})).toEqual(before);
    const stored = app.db.prepare('SELECT group_concat(value) FROM settings').pluck().get() as string | null;
    expect(stored ?? '').not.toContain(server.baseURL);
  });

  it('never sends the stored key to a host typed but not saved', async () => {
    await app.rpc.dispatch('ai.provider.set', { baseUrl: server.baseURL, apiKey: server.apiKey });
    // Another port is another host (as in the settings' own rule).
    const other = await startFakeOpenAI();
    try {
      const tested = await app.rpc.dispatch('ai.testConnection', { baseUrl: other.baseURL });
      // Without the key the fake server refuses: the saved key did not travel to the other host.
      expect(tested).toMatchObject({ ok: true, value: { ok: false, error: { code: 'aiKeyRejected' } } });
    } finally {
      await other.close();
    }
    expect(await app.rpc.dispatch('ai.provider.get', {})).toMatchObject({ ok: true, value: { baseUrl: server.baseURL, hasKey: true, mode: 'online' } });
    // The same host keeps using the saved key.
    expect(await app.rpc.dispatch('ai.testConnection', { temperature: 0.2 })).toMatchObject({ value: { ok: true } });
  });

  it('refuses invalid typed settings with the reason and changes nothing', async () => {
    const before = await app.rpc.dispatch('ai.provider.get', {});
    expect(await app.rpc.dispatch('ai.testConnection', { baseUrl: 'http://10.0.0.1/v1' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await app.rpc.dispatch('ai.provider.get', {})).toEqual(before);
  });
});
