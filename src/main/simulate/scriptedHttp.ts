import { durationMs } from '../../shared/script';
import type { ScriptedWebhook } from '../../shared/scenario';
import type { HttpPort } from '../engine/ports';

export interface HttpCall {
  method: string;
  url: string;
  outcome: string;
}

/**
 * The outside world of webhook steps and "send event to tracker" actions in a scenario: each request
 * gets the first scripted answer whose pattern matches its URL, or 200 `{}` when none does. Nothing
 * leaves the machine. A failure or a timeout throws, as the real transport does once its retries are spent.
 */
export class ScriptedHttp implements HttpPort {
  readonly calls: HttpCall[] = [];
  private readonly answers: { pattern: RegExp; answer: ScriptedWebhook }[];

  constructor(answers: readonly ScriptedWebhook[]) {
    this.answers = answers.map((answer) => ({ pattern: new RegExp(answer.url, 'i'), answer }));
  }

  async request(request: Parameters<HttpPort['request']>[0]): ReturnType<HttpPort['request']> {
    const answer = this.answers.find((a) => a.pattern.test(request.url))?.answer;
    const record = (outcome: string) => this.calls.push({ method: request.method, url: request.url, outcome });
    if (!answer) {
      record('200 (no scripted answer)');
      return { status: 200, body: '{}', simulated: true };
    }
    if (answer.fail) {
      const reason = answer.fail === true ? 'fetch failed (scripted)' : answer.fail;
      record(`failed: ${reason}`);
      throw new Error(reason);
    }
    if (answer.delay && durationMs(answer.delay) >= request.timeoutMs) {
      record(`timed out after ${request.timeoutMs} ms`);
      throw new Error(`The request timed out after ${request.timeoutMs} ms`);
    }
    record(String(answer.status));
    return { status: answer.status, body: typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body), simulated: true };
  }
}
