import { zodResponseFormat } from 'openai/helpers/zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEFAULT_MODELS, DEFAULT_REPLY, estimatePromptTokens, estimateTokens, imageUrls } from '../../support/fake-openai';
import { startHarness, userMessage } from './harness';

// A 1x1 transparent PNG: the smallest real image an adapter might forward from Telegram.
const PIXEL = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

describe('fake OpenAI server: replies through the real SDK', () => {
  it('answers a plain chat request with a chat.completion and deterministic usage', async () => {
    const { server, client } = await startHarness();
    server.when({ lastUserText: 'hello' }).reply('Hi there!');
    const res = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'system', content: 'Be brief.' }, userMessage('hello')],
      temperature: 0.2,
      max_tokens: 100,
    });
    expect(res.object).toBe('chat.completion');
    expect(res.id).toMatch(/^chatcmpl-/);
    expect(res.model).toBe('gpt-4o-mini');
    expect(res.choices).toHaveLength(1);
    expect(res.choices[0]?.message).toMatchObject({ role: 'assistant', content: 'Hi there!' });
    expect(res.choices[0]?.finish_reason).toBe('stop');
    const chat = server.requests[0]?.chat;
    expect(chat?.temperature).toBe(0.2);
    const prompt = estimatePromptTokens(chat!);
    const completion = estimateTokens('Hi there!');
    expect(completion).toBe(3);
    expect(res.usage).toEqual({ prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion });
    expect(res._request_id).toBe('req_fake_1');
  });

  it('falls back to the default reply and records headers without the key', async () => {
    const { server, client } = await startHarness();
    const res = await client.chat.completions.create({ model: 'gpt-4o', messages: [userMessage('anything')] });
    expect(res.choices[0]?.message.content).toBe(DEFAULT_REPLY);
    const rec = server.requests[0]!;
    expect(rec).toMatchObject({ seq: 1, method: 'POST', path: '/v1/chat/completions', status: 200 });
    expect(rec.headers).not.toHaveProperty('authorization');
    expect(JSON.stringify(server.requests)).not.toContain(server.apiKey);
    expect(rec.headers['content-type']).toContain('application/json');
    expect(rec.body).toEqual({ model: 'gpt-4o', messages: [{ role: 'user', content: 'anything' }] });
    expect(typeof rec.receivedAt).toBe('number');
  });

  it('records image parts, including data: URLs, and matches on hasImage', async () => {
    const { server, client } = await startHarness();
    server.when({ hasImage: true }).reply('I see a pixel.');
    server.when({ hasImage: false }).reply('No image.');
    const dataUrl = `data:image/png;base64,${PIXEL}`;
    const res = await client.chat.completions.create({
      model: 'gpt-4o',
      max_completion_tokens: 50,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is in this picture?' },
            { type: 'image_url', image_url: { url: dataUrl, detail: 'low' } },
          ],
        },
      ],
    });
    expect(res.choices[0]?.message.content).toBe('I see a pixel.');
    const chat = server.requests[0]!.chat!;
    expect(imageUrls(chat)).toEqual([dataUrl]);
    expect(chat.max_completion_tokens).toBe(50);
    expect(chat.messages[0]?.content).toEqual([
      { type: 'text', text: 'What is in this picture?' },
      { type: 'image_url', image_url: { url: dataUrl, detail: 'low' } },
    ]);
  });

  it('returns structured output for a strict json_schema request that the SDK parses with zod', async () => {
    const { server, client } = await startHarness();
    const Intent = z.object({ intent: z.enum(['buy', 'ask', 'other']), confidence: z.number() });
    server.when({ schemaName: 'lead_intent' }).reply({ intent: 'buy', confidence: 0.9 });
    const res = await client.chat.completions.parse({
      model: 'gpt-4o-mini',
      messages: [{ role: 'system', content: 'Classify the lead.' }, userMessage('How much is it?')],
      response_format: zodResponseFormat(Intent, 'lead_intent'),
    });
    expect(res.choices[0]?.message.parsed).toEqual({ intent: 'buy', confidence: 0.9 });
    const format = server.requests[0]?.chat?.response_format;
    expect(format).toMatchObject({ type: 'json_schema', json_schema: { name: 'lead_intent', strict: true } });
  });

  it('picks the first matching rule, honours times() and once(), then falls through', async () => {
    const { server, client } = await startHarness();
    const first = server.when({ lastUserText: /price/i }).reply('Price A').times(2);
    server.when({ lastUserText: /price/i, systemIncludes: 'VIP' }).reply('VIP price').once();
    server.when({ model: 'gpt-4o' }).reply((req, ctx) => `model rule #${ctx.callIndex} for ${req.messages.length} msgs`);
    server.when({ predicate: (req) => req.messages.length > 1 }).reply('long chat');
    const ask = async (text: string, system = 'plain', model = 'gpt-4o-mini') =>
      (await client.chat.completions.create({ model, messages: [{ role: 'system', content: system }, userMessage(text)] }))
        .choices[0]?.message.content;

    expect(await ask('What is the PRICE?', 'VIP')).toBe('Price A'); // first rule wins over the VIP one
    expect(await ask('price?')).toBe('Price A');
    expect(first.exhausted).toBe(true);
    expect(await ask('price?', 'VIP client')).toBe('VIP price');
    expect(await ask('price?', 'VIP client', 'gpt-4o')).toBe('model rule #0 for 2 msgs');
    expect(await ask('price?', 'VIP client', 'gpt-4o')).toBe('model rule #1 for 2 msgs');
    expect(await ask('price?')).toBe('long chat');
    expect(first.calls).toBe(2);
    const answeredBy = server.requests.map((r) => r.rule?.replace(/\{.*/, ''));
    expect(answeredBy).toEqual(['rule#1', 'rule#1', 'rule#2', 'rule#3', 'rule#3', 'rule#4']);
  });

  it('truncates a reply longer than max_tokens with finish_reason length, like the real API', async () => {
    const { server, client } = await startHarness();
    server.when().reply('x'.repeat(100));
    const res = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      max_tokens: 5,
      messages: [userMessage('long please')],
    });
    expect(res.choices[0]?.finish_reason).toBe('length');
    expect(res.choices[0]?.message.content).toBe('x'.repeat(20));
    expect(res.usage?.completion_tokens).toBe(5);
  });

  it('lists the configured models in the OpenAI list shape and retrieves one', async () => {
    const { server, client } = await startHarness();
    const page = await client.models.list();
    expect(page.data.map((m) => m.id)).toEqual([...DEFAULT_MODELS]);
    expect(page.data[0]).toMatchObject({ object: 'model', owned_by: 'fake-openai' });
    expect((await client.models.retrieve('gpt-4o')).id).toBe('gpt-4o');
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v1/models', 'GET /v1/models/gpt-4o']);

    const custom = await startHarness({ models: ['local-llm'] });
    expect((await custom.client.models.list()).data.map((m) => m.id)).toEqual(['local-llm']);
  });

  it('reset() forgets rules, pending faults and recorded requests', async () => {
    const { server, client } = await startHarness();
    server.when().reply('scripted');
    server.failNext({ kind: 'serverError' });
    server.reset();
    const res = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [userMessage('hi')] });
    expect(res.choices[0]?.message.content).toBe(DEFAULT_REPLY);
    expect(server.requests).toHaveLength(1);
  });
});
