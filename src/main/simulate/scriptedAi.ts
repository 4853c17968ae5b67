import { msg } from '../../shared/appMessage';
import { parseDuration } from '../../shared/script';
import type { ScriptedAiTurn } from '../../shared/scenario';
import { routeByKeywords } from '../ai/keywordRouter';
import { AiUnavailableError, type AiPort } from '../engine/ports';

/**
 * The AI port of `voronka simulate --ai scripted`: each scenario action says what the AI answers on
 * that turn. Whatever the action leaves out falls back to offline behaviour (keyword routing, a
 * neutral reply), so scenarios only script what they test.
 */
export class ScriptedAi implements AiPort {
  private turn: ScriptedAiTurn = {};
  private replies = 0;
  /** Every call made, for the transcript and for tests. */
  readonly calls: { kind: string; detail: string }[] = [];

  setTurn(turn: ScriptedAiTurn | undefined): void {
    this.turn = turn ?? {};
    this.replies = 0;
  }

  async route(request: Parameters<AiPort['route']>[0]): ReturnType<AiPort['route']> {
    this.failIfDown('route');
    const { turn } = this;
    let routeId: string | null;
    if (turn.route === undefined) routeId = routeByKeywords(request.conversation.input, request.routes)?.id ?? null;
    else routeId = request.routes.find((r) => r.title === turn.route || r.id === turn.route)?.id ?? null;
    const title = request.routes.find((r) => r.id === routeId)?.title ?? null;
    this.calls.push({ kind: 'route', detail: title ?? '-' });
    return { routeId, requirementsMet: turn.requirements ?? false, confidence: 1, reason: 'scripted', usage: usage() };
  }

  async reply(request: Parameters<AiPort['reply']>[0]): ReturnType<AiPort['reply']> {
    this.failIfDown('reply');
    const scripted = this.turn.reply;
    const list = scripted === undefined ? [] : Array.isArray(scripted) ? scripted : [scripted];
    const text = list[Math.min(this.replies, list.length - 1)] ?? `(AI reply to "${request.conversation.input.slice(0, 60)}")`;
    this.replies++;
    this.calls.push({ kind: 'reply', detail: text });
    return { text, usage: usage() };
  }

  async extractTime(request: Parameters<AiPort['extractTime']>[0]): ReturnType<AiPort['extractTime']> {
    this.failIfDown('time');
    const { time } = this.turn;
    if (!time) return { at: null, reason: 'scripted: no time' };
    const relative = parseDuration(time);
    const at = relative !== undefined ? request.now + relative : Date.parse(time);
    return { at: Number.isNaN(at) ? null : at, reason: 'scripted', usage: usage() };
  }

  async readImage(): ReturnType<AiPort['readImage']> {
    this.failIfDown('image');
    const values = this.turn.fields ?? {};
    this.calls.push({ kind: 'image', detail: JSON.stringify(values) });
    return { values, summary: 'scripted', usage: usage() };
  }

  private failIfDown(call: string): void {
    if (this.turn.fail) {
      this.calls.push({ kind: call, detail: 'provider down' });
      throw new AiUnavailableError(msg('aiScriptedDown'));
    }
  }
}

const usage = () => ({ model: 'scripted', tokensIn: 0, tokensOut: 0, latencyMs: 0 });
