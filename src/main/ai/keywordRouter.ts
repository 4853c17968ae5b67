import type { AiRoute } from '../../shared/script';
import { normaliseForMatching } from '../../shared/stopWords';

/**
 * Offline routing: the first route with an example phrase found in the lead's message, compared as
 * normalised words (case, ё/е and punctuation ignored), so "Уже зарегался!" matches "уже зарегался".
 */
export function routeByKeywords(text: string, routes: readonly AiRoute[]): AiRoute | undefined {
  const message = ` ${normaliseForMatching(text)} `;
  if (!message.trim()) return undefined;
  return routes.find((route) =>
    route.examples.some((example) => {
      const phrase = normaliseForMatching(example);
      return phrase !== '' && message.includes(` ${phrase} `);
    }),
  );
}
