import { msg } from '../../shared/appMessage';
import { readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { AiUnavailableError, type AiPort } from '../engine/ports';
import { routeByKeywords } from './keywordRouter';
import type { LocalOcr } from './ocr';

/**
 * The AI port the engine gets: the provider when one is configured, and the offline fallbacks when
 * it is not or when it fails past its retries — keyword routing, local OCR for screenshots, the
 * engine's own time parser — while replies fail over to the step's policy (usually a human).
 */
export function createResilientAi(options: {
  provider: () => AiPort | undefined;
  ocr: LocalOcr;
  dataDir: string;
  onFallback?: (call: string, reason: string) => void;
}): AiPort {
  const fallback = (call: string, error: unknown): string => {
    const reason = error instanceof Error ? error.message : String(error);
    options.onFallback?.(call, reason);
    return reason;
  };
  return {
    async route(request) {
      const provider = options.provider();
      if (provider) {
        try {
          return await provider.route(request);
        } catch (error) {
          if (!(error instanceof AiUnavailableError)) throw error;
          const reason = fallback('route', error);
          const route = routeByKeywords(request.conversation.input, request.routes);
          return { routeId: route?.id ?? null, requirementsMet: false, confidence: route ? 1 : 0, reason: `AI unavailable (${reason}); keyword fallback${route ? `: "${route.title}"` : ': no match'}` };
        }
      }
      const route = routeByKeywords(request.conversation.input, request.routes);
      return { routeId: route?.id ?? null, requirementsMet: false, confidence: route ? 1 : 0, reason: route ? `offline: keyword example of "${route.title}"` : 'offline: no keyword example matched' };
    },

    async reply(request) {
      const provider = options.provider();
      if (!provider) throw new AiUnavailableError(msg('aiNotConfigured'), false);
      return provider.reply(request);
    },

    async extractTime(request) {
      const provider = options.provider();
      if (!provider) return { at: null, reason: 'offline: read locally' };
      try {
        return await provider.extractTime(request);
      } catch (error) {
        if (!(error instanceof AiUnavailableError)) throw error;
        return { at: null, reason: `AI unavailable (${fallback('time', error)}); read locally` };
      }
    },

    async readImage(request) {
      const provider = options.provider();
      let why = 'offline';
      if (provider) {
        try {
          return await provider.readImage(request);
        } catch (error) {
          if (!(error instanceof AiUnavailableError)) throw error;
          why = `AI unavailable (${fallback('image', error)})`;
        }
      }
      const path = isAbsolute(request.imagePath) ? request.imagePath : join(options.dataDir, request.imagePath);
      let text: string;
      try {
        text = await options.ocr.read(await readFile(path));
      } catch (error) {
        throw new AiUnavailableError(msg('aiOcrFailed', { detail: error instanceof Error ? error.message : String(error) }), false);
      }
      // OCR has no notion of fields: every field gets the text, and each task's pattern picks its value.
      return { values: Object.fromEntries(request.tasks.map((t) => [t.field, text])), summary: `${why}; local OCR: ${text.trim().slice(0, 500)}` };
    },
  };
}
