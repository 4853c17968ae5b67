import OpenAI, { AuthenticationError, BadRequestError, InternalServerError, NotFoundError } from 'openai';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { zodResponseFormat } from 'openai/helpers/zod';
import { rejection, startHarness, userMessage } from './harness';

describe('fake OpenAI server: refusals in OpenAI error shape', () => {
  it('rejects a wrong key with 401 so the SDK raises AuthenticationError', async () => {
    const { server, client } = await startHarness({}, { apiKey: 'sk-wrong', maxRetries: 2 });
    const err = await rejection(client.chat.completions.create({ model: 'gpt-4o-mini', messages: [userMessage('hi')] }));
    expect(err).toBeInstanceOf(AuthenticationError);
    expect(err).toMatchObject({ status: 401, code: 'invalid_api_key', type: 'invalid_request_error' });
    expect(server.requests).toHaveLength(1); // 401 is not retried
    expect(server.requests[0]?.status).toBe(401);
  });

  it('rejects a missing Authorization header with the same error envelope', async () => {
    const { server } = await startHarness();
    const res = await fetch(`${server.baseURL}/models`);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      error: {
        message: expect.stringContaining('API key') as unknown,
        type: 'invalid_request_error',
        param: null,
        code: 'missing_api_key',
      },
    });
  });

  it('accepts any key when auth is turned off', async () => {
    const { server } = await startHarness({ apiKey: null });
    const client = new OpenAI({ baseURL: server.baseURL, apiKey: 'whatever', maxRetries: 0 });
    const res = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [userMessage('hi')] });
    expect(res.choices[0]?.message.content).toBeTypeOf('string');
  });

  it('answers an unknown model with 404 model_not_found (NotFoundError)', async () => {
    const { client } = await startHarness();
    const err = await rejection(client.chat.completions.create({ model: 'gpt-nope', messages: [userMessage('hi')] }));
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err).toMatchObject({ status: 404, code: 'model_not_found', param: 'model' });
    await expect(client.models.retrieve('gpt-nope')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('refuses stream: true with a 400 BadRequestError', async () => {
    const { client } = await startHarness();
    const err = await rejection(
      client.chat.completions.create({ model: 'gpt-4o-mini', messages: [userMessage('hi')], stream: true }),
    );
    expect(err).toBeInstanceOf(BadRequestError);
    expect(err).toMatchObject({ status: 400, param: 'stream', code: 'unsupported_value' });
  });

  it('refuses malformed requests the way the real API does', async () => {
    const { client } = await startHarness();
    const badImage = { type: 'image_url' as const, image_url: { url: 'data:image/png;base64,not base64!' } };
    const broken = await rejection(
      client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: [badImage] }] }),
    );
    expect(broken).toMatchObject({
      status: 400,
      code: 'invalid_image_format',
      param: 'messages[0].content[0].image_url.url',
    });
    const jsonMode = await rejection(
      client.chat.completions.create({
        model: 'gpt-4o',
        messages: [userMessage('hi')],
        response_format: { type: 'json_object' },
      }),
    );
    expect(jsonMode).toBeInstanceOf(BadRequestError);
    expect(String(jsonMode)).toContain("must contain the word 'json'");
    const temp = await rejection(
      client.chat.completions.create({ model: 'gpt-4o', messages: [userMessage('hi')], temperature: 3 }),
    );
    expect(temp).toMatchObject({ status: 400, param: 'temperature' });
  });

  it('reports a scripted reply that breaks its strict schema as a non-retried script error', async () => {
    const { server, client } = await startHarness({}, { maxRetries: 2 });
    server.when({ schemaName: 'lead_intent' }).reply({ intent: 'maybe' });
    const Intent = z.object({ intent: z.enum(['buy', 'ask']), confidence: z.number() });
    const err = await rejection(
      client.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [userMessage('hi')],
        response_format: zodResponseFormat(Intent, 'lead_intent'),
      }),
    );
    expect(err).toBeInstanceOf(InternalServerError);
    expect(String(err)).toContain('fake-openai script error');
    expect(String(err)).toContain('missing required key "confidence"');
    expect(server.requests).toHaveLength(1); // x-should-retry: false stops the SDK's retries
  });

  it('reports a reply function that throws as a script error', async () => {
    const { client, server } = await startHarness();
    server.when().reply(() => {
      throw new Error('boom');
    });
    const err = await rejection(client.chat.completions.create({ model: 'gpt-4o-mini', messages: [userMessage('hi')] }));
    expect(String(err)).toContain('threw: boom');
  });

  it('answers unknown routes with a 404 in the error envelope', async () => {
    const { server } = await startHarness();
    const headers = { authorization: `Bearer ${server.apiKey}` };
    const res = await fetch(`${server.baseURL}/embeddings`, { method: 'POST', headers });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({
      error: { type: 'invalid_request_error', message: 'Invalid URL (POST /v1/embeddings)' },
    });
  });
});
