import OpenAI from 'openai';
import { AiUnavailableError } from '../engine/ports';

/**
 * Turns whatever the SDK throws into one clear sentence for the operator (never for the lead).
 * `retryable` is false when waiting will not help (bad key, missing model, refused request).
 */
export function providerFailure(error: unknown, context: { baseUrl: string; model: string; timeoutSeconds: number; maxRetries: number }): AiUnavailableError {
  const tries = context.maxRetries > 0 ? ` after ${context.maxRetries + 1} attempts` : '';
  if (error instanceof OpenAI.AuthenticationError) return new AiUnavailableError('The AI provider rejected the API key (401)', false);
  if (error instanceof OpenAI.PermissionDeniedError) return new AiUnavailableError('The API key is not allowed to use this model (403)', false);
  if (error instanceof OpenAI.NotFoundError) return new AiUnavailableError(`Model "${context.model}" is not available at ${context.baseUrl}`, false);
  if (error instanceof OpenAI.RateLimitError) return new AiUnavailableError(`The AI provider is rate-limiting requests (429)${tries}`);
  if (error instanceof OpenAI.APIConnectionTimeoutError) return new AiUnavailableError(`The AI provider did not answer within ${context.timeoutSeconds} s${tries}`);
  if (error instanceof OpenAI.APIConnectionError) return new AiUnavailableError(`Cannot reach the AI provider at ${context.baseUrl}${tries}`);
  if (error instanceof OpenAI.BadRequestError) return new AiUnavailableError(`The AI provider refused the request: ${error.message}`, false);
  if (error instanceof OpenAI.APIError) return new AiUnavailableError(`The AI provider failed (HTTP ${error.status ?? '?'})${tries}`);
  if (error instanceof SyntaxError) return new AiUnavailableError('The AI provider sent a malformed response');
  if (error instanceof AiUnavailableError) return error;
  return new AiUnavailableError(`AI call failed: ${error instanceof Error ? error.message : String(error)}`);
}
