import type { HttpPort } from '../engine/ports';

const maxBodyBytes = 1024 * 1024;

/** Outbound HTTP for webhook steps: a timeout per attempt, retries with backoff on 429/5xx/network errors. */
export function createFetchHttp(options: { backoffMs?: number } = {}): HttpPort {
  const backoffMs = options.backoffMs ?? 1000;
  return {
    async request({ method, url, body, headers, timeoutMs, retries }) {
      let lastError: unknown;
      for (let attempt = 0; attempt <= retries; attempt++) {
        if (attempt > 0) await new Promise((r) => setTimeout(r, backoffMs * 2 ** (attempt - 1)));
        try {
          const response = await fetch(url, {
            method,
            headers: { 'user-agent': 'Voronka', ...(body !== undefined && !hasHeader(headers, 'content-type') ? { 'content-type': guessType(body) } : {}), ...headers },
            body: method === 'POST' ? body : undefined,
            signal: AbortSignal.timeout(timeoutMs),
            redirect: 'follow',
          });
          const text = (await response.text()).slice(0, maxBodyBytes);
          if ((response.status === 429 || response.status >= 500) && attempt < retries) {
            lastError = new Error(`HTTP ${response.status}`);
            continue;
          }
          return { status: response.status, body: text };
        } catch (error) {
          lastError = error;
        }
      }
      throw lastError instanceof Error ? new Error(`${lastError.message} (after ${retries + 1} attempts)`) : new Error('Request failed');
    },
  };
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((h) => h.toLowerCase() === name);
}

function guessType(body: string): string {
  const trimmed = body.trim();
  return trimmed.startsWith('{') || trimmed.startsWith('[') ? 'application/json' : 'application/x-www-form-urlencoded';
}
