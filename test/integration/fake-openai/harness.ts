/**
 * Starts a fake OpenAI server plus a real SDK client pointed at it, and closes the server when the
 * current test finishes (pass or fail), so no test leaks a listening socket or a hung request.
 */
import OpenAI from 'openai';
import { onTestFinished } from 'vitest';
import { startFakeOpenAI, type FakeOpenAI, type FakeOpenAIOptions } from '../../support/fake-openai';

export interface Harness {
  server: FakeOpenAI;
  client: OpenAI;
}

export async function startHarness(
  serverOptions: FakeOpenAIOptions = {},
  clientOptions: { maxRetries?: number; timeout?: number; apiKey?: string } = {},
): Promise<Harness> {
  const server = await startFakeOpenAI(serverOptions);
  onTestFinished(() => server.close());
  const client = new OpenAI({
    baseURL: server.baseURL,
    apiKey: clientOptions.apiKey ?? server.apiKey,
    // No retries unless a test is about retries: a failure should surface on the first attempt.
    maxRetries: clientOptions.maxRetries ?? 0,
    timeout: clientOptions.timeout ?? 10_000,
  });
  return { server, client };
}

export const userMessage = (text: string) => ({ role: 'user' as const, content: text });

/** Awaits a promise expected to reject and returns the rejection for detailed assertions. */
export async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected the request to fail');
}
