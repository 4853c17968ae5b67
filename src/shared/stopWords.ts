/**
 * Messages that mean "stop writing to me". A lead who sends one is tagged and never messaged
 * automatically again. Single words match only as the whole message ("стоп"), phrases anywhere
 * ("пожалуйста, не пишите мне"), so "стоп, а сколько депнуть?" is not a stop.
 */
export const defaultStopWords: readonly string[] = [
  'стоп', 'хватит', 'отстань', 'отстаньте', 'отписаться', 'отпишись', 'отписка', 'спам',
  'не пиши', 'не пишите', 'больше не пиши', 'больше не пишите', 'не пиши мне', 'не пишите мне',
  'не беспокойте', 'удали мой номер', 'stop', 'unsubscribe', 'spam', 'leave me alone',
  'stop messaging me', 'do not text me', "don't text me", 'dont text me', 'do not write to me',
];

export function normaliseForMatching(text: string): string {
  return text
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[’']/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const normalisedLists = new WeakMap<readonly string[], string[]>();

/** The stop word a message matches, if any. */
export function matchStopWord(text: string, words: readonly string[]): string | undefined {
  const message = normaliseForMatching(text);
  if (!message) return undefined;
  let normalised = normalisedLists.get(words);
  if (!normalised) normalisedLists.set(words, (normalised = words.map(normaliseForMatching)));
  const padded = ` ${message} `;
  const index = normalised.findIndex((w) => w !== '' && (message === w || (w.includes(' ') && padded.includes(` ${w} `))));
  return index < 0 ? undefined : words[index];
}
