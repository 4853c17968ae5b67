/**
 * Scripted answers: each rule pairs a matcher on the parsed request with a reply and/or a fault.
 * Rules are tried in the order they were added; the first live match wins and uses up one of its times.
 */
import { imageUrls, messageText } from './parseChatRequest';
import type { ChatRequest, Fault, Matcher, ReplyContent, ReplyFn } from './types';

export class Rule {
  /** How many requests this rule has answered. */
  calls = 0;
  private remaining = Number.POSITIVE_INFINITY;
  private replyWith: ReplyContent | ReplyFn | undefined;
  private faultWith: Fault | undefined;

  constructor(
    readonly matcher: Matcher,
    readonly label: string,
  ) {}

  /** Content (or a function of the request) to answer with. Without it the default reply is used. */
  reply(content: ReplyContent | ReplyFn): this {
    this.replyWith = content;
    return this;
  }

  /** Fault to inject for matching requests; `latency` and `schemaViolation` still send a completion. */
  fail(fault: Fault): this {
    this.faultWith = fault;
    return this;
  }

  /** Answer at most n requests, then stop matching (later rules or the default take over). */
  times(n: number): this {
    if (!Number.isInteger(n) || n < 1) throw new Error(`times(n) needs a positive integer, got ${n}`);
    this.remaining = n;
    return this;
  }

  once(): this {
    return this.times(1);
  }

  /** True once a times(n) rule has answered n requests. */
  get exhausted(): boolean {
    return this.remaining <= 0;
  }

  get content(): ReplyContent | ReplyFn | undefined {
    return this.replyWith;
  }

  get fault(): Fault | undefined {
    return this.faultWith;
  }

  matches(req: ChatRequest): boolean {
    return !this.exhausted && matches(this.matcher, req);
  }

  /** Records one use; returns the 0-based index of this call. */
  take(): number {
    this.remaining -= 1;
    return this.calls++;
  }
}

function textMatches(pattern: string | RegExp, text: string): boolean {
  if (typeof pattern === 'string') return text.includes(pattern);
  // A global/sticky RegExp keeps lastIndex between tests; reset it so matching stays deterministic.
  pattern.lastIndex = 0;
  return pattern.test(text);
}

export function matches(m: Matcher, req: ChatRequest): boolean {
  if (m.model !== undefined && m.model !== req.model) return false;
  if (m.lastUserText !== undefined) {
    const lastUser = [...req.messages].reverse().find((msg) => msg.role === 'user');
    if (!lastUser || !textMatches(m.lastUserText, messageText(lastUser))) return false;
  }
  if (m.systemIncludes !== undefined) {
    const system = req.messages
      .filter((msg) => msg.role === 'system' || msg.role === 'developer')
      .map(messageText)
      .join('\n');
    if (!system.includes(m.systemIncludes)) return false;
  }
  const format = req.response_format;
  if (m.responseFormat !== undefined && (format?.type ?? 'text') !== m.responseFormat) return false;
  if (m.schemaName !== undefined) {
    if (format?.type !== 'json_schema' || format.json_schema.name !== m.schemaName) return false;
  }
  if (m.hasImage !== undefined) {
    const hasImage = imageUrls(req).length > 0;
    if (hasImage !== m.hasImage) return false;
  }
  return m.predicate === undefined || m.predicate(req);
}

/** A short label for request records and error messages, e.g. `when({"model":"gpt-4o"})#2`. */
export function describeMatcher(m: Matcher, index: number): string {
  const parts = Object.entries(m).map(([k, v]) => {
    if (v instanceof RegExp) return `${k}:${String(v)}`;
    if (typeof v === 'function') return `${k}:fn`;
    return `${k}:${JSON.stringify(v)}`;
  });
  return `rule#${index}{${parts.join(',')}}`;
}
