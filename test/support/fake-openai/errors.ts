/**
 * OpenAI's error envelope. The SDK picks its error class from the HTTP status and reads `code`,
 * `type` and `param` from `body.error`, so every refusal goes through here to keep that shape exact.
 */

export interface OpenAIErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

export class FakeApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly type: string,
    readonly code: string | null = null,
    readonly param: string | null = null,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  body(): OpenAIErrorBody {
    return { error: { message: this.message, type: this.type, param: this.param, code: this.code } };
  }
}

export function invalidRequest(message: string, param: string | null = null, code: string | null = null): FakeApiError {
  return new FakeApiError(400, message, 'invalid_request_error', code, param);
}

export function missingKey(): FakeApiError {
  return new FakeApiError(
    401,
    "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth.",
    'invalid_request_error',
    'missing_api_key',
  );
}

export function wrongKey(): FakeApiError {
  // The real API echoes a masked key; the fake never echoes it so it cannot leak into logs.
  return new FakeApiError(401, 'Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key');
}

export function modelNotFound(model: string): FakeApiError {
  return new FakeApiError(
    404,
    `The model \`${model}\` does not exist or you do not have access to it.`,
    'invalid_request_error',
    'model_not_found',
    'model',
  );
}

export function routeNotFound(method: string, path: string): FakeApiError {
  return new FakeApiError(404, `Invalid URL (${method} ${path})`, 'invalid_request_error');
}

export function rateLimited(retryAfterSeconds: number, message?: string): FakeApiError {
  return new FakeApiError(
    429,
    message ?? 'Rate limit reached for requests (injected by fake-openai).',
    'requests',
    'rate_limit_exceeded',
    null,
    { 'retry-after': String(retryAfterSeconds) },
  );
}

export function serverError(status = 500, message?: string, retryAfterSeconds?: number): FakeApiError {
  return new FakeApiError(
    status,
    message ?? 'The server had an error while processing your request (injected by fake-openai).',
    'server_error',
    null,
    null,
    retryAfterSeconds === undefined ? {} : { 'retry-after': String(retryAfterSeconds) },
  );
}

/**
 * A mistake in the test's own script (a reply function threw, or a reply breaks the strict schema it
 * answers). `x-should-retry: false` stops the SDK from retrying it, so the test fails at once with
 * this message instead of after several identical attempts.
 */
export function scriptError(message: string): FakeApiError {
  return new FakeApiError(500, `fake-openai script error: ${message}`, 'fake_openai_script_error', null, null, {
    'x-should-retry': 'false',
  });
}
