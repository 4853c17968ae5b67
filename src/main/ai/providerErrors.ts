import { msg } from '../../shared/appMessage';
import OpenAI from 'openai';
import { AiUnavailableError } from '../engine/ports';

/**
 * Turns whatever the SDK throws into one clear sentence for the operator (never for the lead).
 * `retryable` is false when waiting will not help (bad key, missing model, refused request).
 */
export function providerFailure(error: unknown, context: { baseUrl: string; model: string; timeoutSeconds: number; maxRetries: number }): AiUnavailableError {
  if (error instanceof OpenAI.AuthenticationError) return new AiUnavailableError(msg('aiKeyRejected'), false);
  if (error instanceof OpenAI.PermissionDeniedError) return new AiUnavailableError(msg('aiModelForbidden'), false);
  if (error instanceof OpenAI.NotFoundError) return new AiUnavailableError(msg('aiModelMissing', { model: context.model, baseUrl: context.baseUrl }), false);
  if (error instanceof OpenAI.RateLimitError) return new AiUnavailableError(msg('aiRateLimited'));
  if (error instanceof OpenAI.APIConnectionTimeoutError) return new AiUnavailableError(msg('aiTimeout', { seconds: context.timeoutSeconds }));
  if (error instanceof OpenAI.APIConnectionError) return new AiUnavailableError(msg('aiUnreachable', { baseUrl: context.baseUrl }));
  if (error instanceof OpenAI.BadRequestError) return new AiUnavailableError(msg('aiRefused', { detail: error.message }), false);
  if (error instanceof OpenAI.APIError) return new AiUnavailableError(msg('aiHttpError', { status: String(error.status ?? '?') }));
  if (error instanceof SyntaxError) return new AiUnavailableError(msg('aiMalformed'));
  if (error instanceof AiUnavailableError) return error;
  return new AiUnavailableError(msg('aiCallFailed', { detail: error instanceof Error ? error.message : String(error) }));
}
