import { msg } from '../../shared/appMessage';
import { AiUnavailableError, type AiPort } from '../engine/ports';
import { routeByKeywords } from './keywordRouter';

/**
 * The AI port with no provider: keyword routing, no requirement checks, no generated text (AI reply
 * steps apply their failure policy, by default a human takes over), no time extraction (the engine
 * reads times locally) and no image reading yet.
 */
export function createOfflineAi(): AiPort {
  return {
    async route({ conversation, routes }) {
      const route = routeByKeywords(conversation.input, routes);
      return {
        routeId: route?.id ?? null,
        requirementsMet: false,
        confidence: route ? 1 : 0,
        reason: route ? `keyword example of "${route.title}"` : 'no keyword example matched (offline)',
      };
    },
    async reply() {
      throw new AiUnavailableError(msg('aiNotConfigured'), false);
    },
    async extractTime() {
      return { at: null, reason: 'offline: no AI provider' };
    },
    async readImage() {
      throw new AiUnavailableError(msg('aiNoVision'), false);
    },
  };
}
