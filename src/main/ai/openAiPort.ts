import { msg } from '../../shared/appMessage';
import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, join } from 'node:path';
import OpenAI from 'openai';
import type { ChatCompletionCreateParamsNonStreaming, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { z } from 'zod';
import type { AiProvider } from '../../shared/aiSettings';
import { AiUnavailableError, type AiPort, type AiUsage } from '../engine/ports';
import { routeMessages, replyMessages } from './prompt';
import { callCost } from './pricing';
import { providerFailure } from './providerErrors';
import {
  imageReadingFormat,
  imageReadingSchema,
  routeDecisionFormat,
  routeDecisionSchema,
  timeExtractionFormat,
  timeExtractionSchema,
} from './structured';

export interface OpenAiPortConfig {
  provider: AiProvider;
  apiKey: string | null;
  /** Relative media paths (downloaded photos) resolve against the data folder. */
  dataDir: string;
}

type Role = keyof AiProvider['models'];

/** The AI port over any OpenAI-compatible endpoint, through the official `openai` SDK. */
export function createOpenAiPort(config: OpenAiPortConfig): AiPort {
  const { provider } = config;
  const client = new OpenAI({
    baseURL: provider.baseUrl,
    // Local servers (Ollama, LM Studio) need no key, but the SDK insists on one.
    apiKey: config.apiKey || 'not-needed',
    timeout: provider.timeoutSeconds * 1000,
    maxRetries: provider.maxRetries,
  });

  async function complete(role: Role, messages: ChatCompletionMessageParam[], responseFormat?: ChatCompletionCreateParamsNonStreaming['response_format']) {
    const model = provider.models[role];
    const started = performance.now();
    let response;
    try {
      response = await client.chat.completions.create({
        model,
        messages,
        temperature: role === 'reply' ? provider.temperature : 0,
        max_tokens: provider.maxTokens[role],
        ...(responseFormat ? { response_format: responseFormat } : {}),
      });
    } catch (error) {
      throw providerFailure(error, { baseUrl: provider.baseUrl, model, timeoutSeconds: provider.timeoutSeconds, maxRetries: provider.maxRetries });
    }
    const tokensIn = response.usage?.prompt_tokens ?? 0;
    const tokensOut = response.usage?.completion_tokens ?? 0;
    const usage: AiUsage & { cachedTokens: number } = {
      model,
      tokensIn,
      tokensOut,
      cachedTokens: response.usage?.prompt_tokens_details?.cached_tokens ?? 0,
      latencyMs: Math.round(performance.now() - started),
      costUsd: callCost(provider.prices, model, tokensIn, tokensOut),
    };
    return { content: response.choices[0]?.message?.content ?? '', usage };
  }

  /** A structured call: the answer must parse as JSON and match the schema (one more try if not). */
  async function structured<T>(role: Role, messages: ChatCompletionMessageParam[], format: ChatCompletionCreateParamsNonStreaming['response_format'], schema: z.ZodType<T>) {
    let problem = '';
    for (let attempt = 0; attempt < 2; attempt++) {
      const { content, usage } = await complete(role, messages, format);
      try {
        const parsed = schema.safeParse(JSON.parse(content));
        if (parsed.success) return { value: parsed.data, usage };
        problem = parsed.error.issues[0]?.message ?? 'schema mismatch';
      } catch {
        problem = 'not JSON';
      }
    }
    throw new AiUnavailableError(msg('aiBadFormat', { detail: problem }));
  }

  return {
    async route({ conversation, routes, requirements }) {
      const { value, usage } = await structured('router', routeMessages(conversation, routes, requirements), routeDecisionFormat(routes.map((r) => r.id)), routeDecisionSchema);
      const known = routes.some((r) => r.id === value.route);
      return { routeId: known ? value.route : null, requirementsMet: value.requirements_met, confidence: value.confidence, reason: value.reason, usage };
    },

    async reply({ conversation, purpose, guidance }) {
      const { content, usage } = await complete('reply', replyMessages(conversation, purpose, guidance));
      return { text: content, usage };
    },

    async extractTime({ text, now, timezone }) {
      const local = new Intl.DateTimeFormat('sv-SE', { timeZone: timezone, dateStyle: 'short', timeStyle: 'short', hourCycle: 'h23' }).format(now);
      const messages: ChatCompletionMessageParam[] = [
        {
          role: 'system',
          content:
            'Extract the moment the user means (e.g. "через час", "вечером" = 20:00, "завтра утром" = 09:00 tomorrow, "after work" = 19:00). ' +
            `Answer with an ISO 8601 date-time including the UTC offset of ${timezone}, or null if no time is named.`,
        },
        { role: 'system', content: `Now: ${local} (${timezone}).` },
        { role: 'user', content: text },
      ];
      const { value, usage } = await structured('router', messages, timeExtractionFormat, timeExtractionSchema);
      const at = value.at === null ? null : Date.parse(value.at);
      return { at: at !== null && Number.isFinite(at) ? at : null, reason: value.reason, usage };
    },

    async readImage({ imagePath, tasks }) {
      const path = isAbsolute(imagePath) ? imagePath : join(config.dataDir, imagePath);
      let image: Buffer;
      try {
        image = await readFile(path);
      } catch {
        throw new AiUnavailableError(msg('aiPhotoMissing', { path: imagePath }), false);
      }
      const mime = { '.png': 'image/png', '.webp': 'image/webp', '.gif': 'image/gif' }[extname(path).toLowerCase()] ?? 'image/jpeg';
      const messages: ChatCompletionMessageParam[] = [
        { role: 'system', content: 'Read the screenshot. For each field, copy the exact value you see, or null if it is not visible.' },
        {
          role: 'user',
          content: [
            { type: 'text', text: tasks.map((t) => `${t.field}: ${t.instruction}`).join('\n') },
            { type: 'image_url', image_url: { url: `data:${mime};base64,${image.toString('base64')}` } },
          ],
        },
      ];
      const { value, usage } = await structured('vision', messages, imageReadingFormat(tasks.map((t) => t.field)), imageReadingSchema);
      return { values: value.values, summary: value.summary, usage };
    },
  };
}
