import { APIConnectionError, APIConnectionTimeoutError, InternalServerError, RateLimitError } from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { schemaErrors } from '../../support/fake-openai';
import { rejection, startHarness, userMessage } from './harness';

const ask = { model: 'gpt-4o-mini', messages: [userMessage('hello')] };

describe('fake OpenAI server: fault injection', () => {
  it('sends 429 with retry-after; the SDK retries on its own and then succeeds', async () => {
    const { server, client } = await startHarness({}, { maxRetries: 2 });
    server.when().reply('after the rate limit');
    server.failNext({ kind: 'rateLimit', retryAfterSeconds: 0 });
    const res = await client.chat.completions.create(ask);
    expect(res.choices[0]?.message.content).toBe('after the rate limit');
    expect(server.requests.map((r) => [r.status, r.fault])).toEqual([
      [429, 'rateLimit'],
      [200, undefined],
    ]);
    // The SDK numbers its attempts; the second one is its first retry.
    expect(server.requests.map((r) => r.headers['x-stainless-retry-count'])).toEqual(['0', '1']);
  });

  it('exposes the 429 as RateLimitError with the retry-after header when retries are off', async () => {
    const { client, server } = await startHarness();
    server.failNext({ kind: 'rateLimit', retryAfterSeconds: 7 });
    const err = await rejection(client.chat.completions.create(ask));
    expect(err).toBeInstanceOf(RateLimitError);
    expect((err as RateLimitError).headers.get('retry-after')).toBe('7');
    expect(err).toMatchObject({ code: 'rate_limit_exceeded' });
  });

  it('raises InternalServerError for a 500 when maxRetries is 0', async () => {
    const { server, client } = await startHarness();
    server.failNext({ kind: 'serverError' });
    const err = await rejection(client.chat.completions.create(ask));
    expect(err).toBeInstanceOf(InternalServerError);
    expect(err).toMatchObject({ status: 500, type: 'server_error' });
    expect(server.requests).toHaveLength(1);
  });

  it('lets the SDK retry a 5xx when retries are on (rule fault used up by once())', async () => {
    const { server, client } = await startHarness({}, { maxRetries: 1 });
    // retry-after: 0 skips the SDK's ~0.5 s default backoff; the real API sends none on 5xx.
    server.when().fail({ kind: 'serverError', status: 503, retryAfterSeconds: 0 }).once();
    const res = await client.chat.completions.create(ask);
    expect(res.choices[0]?.message.content).toBeTypeOf('string');
    expect(server.requests.map((r) => r.status)).toEqual([503, 200]);
  });

  it('resets the connection: APIConnectionError (not a timeout)', async () => {
    const { server, client } = await startHarness();
    server.failNext({ kind: 'connectionReset' });
    const err = await rejection(client.chat.completions.create(ask));
    expect(err).toBeInstanceOf(APIConnectionError);
    expect(err).not.toBeInstanceOf(APIConnectionTimeoutError);
    expect(server.requests[0]?.fault).toBe('connectionReset');
    expect(server.requests[0]?.status).toBeUndefined();
  });

  it('retries a reset connection too when maxRetries > 0', async () => {
    const { server, client } = await startHarness({}, { maxRetries: 1 });
    server.failNext({ kind: 'connectionReset' });
    await client.chat.completions.create(ask);
    expect(server.requests.map((r) => r.fault ?? r.status)).toEqual(['connectionReset', 200]);
  });

  it('never answers a timeout fault: APIConnectionTimeoutError with a short SDK timeout', async () => {
    const { server, client } = await startHarness({}, { timeout: 300 });
    server.when({ lastUserText: 'hello' }).fail({ kind: 'timeout' });
    const err = await rejection(client.chat.completions.create(ask));
    expect(err).toBeInstanceOf(APIConnectionTimeoutError);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.status).toBeUndefined();
  });

  it('delays the reply on a latency fault and still answers', async () => {
    const { server, client } = await startHarness();
    server.when().reply('slow but fine').fail({ kind: 'latency', ms: 50 });
    const res = await client.chat.completions.create(ask);
    expect(res.choices[0]?.message.content).toBe('slow but fine');
    expect(server.requests[0]).toMatchObject({ fault: 'latency', status: 200 });
  });

  it('sends a truncated JSON body: the SDK surfaces a SyntaxError from JSON.parse', async () => {
    const { server, client } = await startHarness({}, { maxRetries: 2 });
    server.failNext({ kind: 'malformedJson' });
    const err = await rejection(client.chat.completions.create(ask));
    expect(err).toBeInstanceOf(SyntaxError);
    expect(server.requests).toHaveLength(1); // a 200 with a bad body is never retried
  });

  it('returns schema-violating JSON as-is for a json_schema request', async () => {
    const { server, client } = await startHarness();
    const Reply = z.object({ text: z.string(), handoff: z.boolean() });
    const format = zodResponseFormat(Reply, 'dm_reply');
    server.when({ lastUserText: 'explicit' }).fail({ kind: 'schemaViolation', content: { text: 42 } });
    server.when({ schemaName: 'dm_reply' }).reply({ text: 'ok', handoff: false });
    server.failNext({ kind: 'schemaViolation' });
    const res = await client.chat.completions.create({ ...ask, response_format: format });
    const content = res.choices[0]?.message.content ?? '';
    expect(JSON.parse(content)).toEqual({ unexpected_key: 'injected schema violation' });
    expect(schemaErrors(format.json_schema.schema!, JSON.parse(content))).toEqual(['$: missing required key "text"', '$: missing required key "handoff"', '$: unexpected key "unexpected_key"']);
    expect(Reply.safeParse(JSON.parse(content)).success).toBe(false);

    // A rule's explicit violating value is sent verbatim; without faults the schema rule answers again.
    const explicit = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [userMessage('explicit')],
      response_format: format,
    });
    expect(explicit.choices[0]?.message.content).toBe('{"text":42}');
    const normal = await client.chat.completions.create({ ...ask, response_format: format });
    expect(JSON.parse(normal.choices[0]?.message.content ?? '')).toEqual({ text: 'ok', handoff: false });
  });

  it('applies failNext(fault, n) to exactly the next n requests', async () => {
    const { server, client } = await startHarness();
    server.failNext({ kind: 'serverError' }, 2);
    await expect(client.models.list()).rejects.toBeInstanceOf(InternalServerError);
    await expect(client.chat.completions.create(ask)).rejects.toBeInstanceOf(InternalServerError);
    await expect(client.chat.completions.create(ask)).resolves.toMatchObject({ object: 'chat.completion' });
  });
});
