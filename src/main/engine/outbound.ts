import { HttpRefusedError, type HttpPort, type HttpRequest, type HttpResponse } from './ports';

/**
 * One attempt at an outbound call (a webhook step, "send event to tracker") and what it tells about
 * trying again. The engine makes one attempt per turn; a retry is a durable job (it survives a
 * restart), so nothing sleeps in memory between attempts.
 */
export interface OutboundAttempt {
  /** 1-based. */
  attempt: number;
  ok: boolean;
  status: number | null;
  error: string | null;
  durationMs: number;
  /** Trying again may succeed: a network error, a timeout, 408/425/429 or a 5xx answer. */
  retryable: boolean;
  response?: HttpResponse;
}

export async function attemptOutbound(http: HttpPort, request: Omit<HttpRequest, 'retries'>, attempt: number): Promise<OutboundAttempt> {
  // Measured for the operator's log only; no decision depends on it.
  const started = performance.now();
  const took = () => Math.round(performance.now() - started);
  try {
    const response = await http.request({ ...request, retries: 0 });
    if (response.status < 400) return { attempt, ok: true, status: response.status, error: null, durationMs: took(), retryable: false, response };
    return { attempt, ok: false, status: response.status, error: `HTTP ${response.status}`, durationMs: took(), retryable: retryableStatus(response.status), response };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // A refusal (private address, redirect, bad URL) fails the same way every time: never retried.
    return { attempt, ok: false, status: null, error: message, durationMs: took(), retryable: !(error instanceof HttpRefusedError) };
  }
}

/** A client error other than these means the request itself is wrong (bad config): retrying cannot help. */
function retryableStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500;
}

/** Attempts a "send event to tracker" gets in all (the first and three durable retries). */
export const postbackAttempts = 4;

/** Delay before attempt `attempt + 1`: 30 s, 2 min, 8 min, 32 min, then hourly. */
export function outboundRetryDelayMs(attempt: number): number {
  return Math.min(30_000 * 4 ** (attempt - 1), 3_600_000);
}

/** The payload of an `outbound` job: the call to repeat and where its outcome is logged. */
export interface OutboundJobPayload {
  origin: { kind: 'postback'; ruleId?: string; event?: string | null };
  request: Omit<HttpRequest, 'retries'>;
  /** The attempt this job makes (2 for the first retry). */
  attempt: number;
  maxAttempts: number;
}

export function isOutboundJobPayload(payload: Record<string, unknown>): payload is Record<string, unknown> & OutboundJobPayload {
  const request = payload.request as Record<string, unknown> | undefined;
  return (
    typeof payload.attempt === 'number' &&
    typeof payload.maxAttempts === 'number' &&
    typeof payload.origin === 'object' &&
    payload.origin !== null &&
    typeof request === 'object' &&
    request !== null &&
    typeof request.url === 'string' &&
    (request.method === 'GET' || request.method === 'POST') &&
    typeof request.timeoutMs === 'number' &&
    (request.idempotencyKey === undefined || typeof request.idempotencyKey === 'string')
  );
}
