/**
 * Builds the chat.completion object the SDK returns to callers, with deterministic token estimates so
 * usage accounting in the app can be asserted exactly.
 */
import { messageText } from './parseChatRequest';
import type { ChatRequest } from './types';

/** Roughly what OpenAI documents for English text: one token per four characters. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

// Per-message framing and per-image costs are OpenAI's published ballpark (low-detail image = 85).
const MESSAGE_OVERHEAD = 4;
const REPLY_PRIMING = 3;
const IMAGE_TOKENS = 85;

export function estimatePromptTokens(req: ChatRequest): number {
  let total = REPLY_PRIMING;
  for (const msg of req.messages) {
    total += MESSAGE_OVERHEAD + estimateTokens(messageText(msg));
    if (Array.isArray(msg.content)) total += IMAGE_TOKENS * msg.content.filter((p) => p.type === 'image_url').length;
  }
  return total;
}

export interface ChatCompletion {
  id: string;
  object: 'chat.completion';
  created: number;
  model: string;
  system_fingerprint: string;
  choices: {
    index: number;
    message: { role: 'assistant'; content: string; refusal: null };
    logprobs: null;
    finish_reason: 'stop' | 'length';
  }[];
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
}

/**
 * Like the real API, a reply longer than max_completion_tokens / max_tokens is cut off with
 * finish_reason 'length' — which is how a truncated (unparsable) structured output reaches the app.
 */
export function buildCompletion(req: ChatRequest, content: string, seq: number): ChatCompletion {
  const limit = req.max_completion_tokens ?? req.max_tokens;
  let text = content;
  let finish: 'stop' | 'length' = 'stop';
  if (limit !== undefined && estimateTokens(text) > limit) {
    text = text.slice(0, limit * 4);
    finish = 'length';
  }
  const prompt = estimatePromptTokens(req);
  const completion = estimateTokens(text);
  return {
    id: `chatcmpl-fake${String(seq).padStart(6, '0')}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: req.model,
    system_fingerprint: 'fp_fake_openai',
    choices: [
      { index: 0, message: { role: 'assistant', content: text, refusal: null }, logprobs: null, finish_reason: finish },
    ],
    usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion },
  };
}
