import { compileUserRegex } from '../../../shared/script';

/**
 * Words that label the player's own ID on a platform's screen, in English and Russian. Local OCR
 * (English data) reads Latin labels well and Cyrillic ones as noise, so "ID" carries most weight;
 * it often reads the "I" of "ID" as "1", "l" or "|".
 */
const idLabel = /(?:^|[^\p{L}])(?:u?[il1|]d|login|account|acc|player|user|client|аккаунт|игрок|сч[её]т|логин|клиент)(?![\p{L}])/iu;
/** Words that label some other number: money, orders, payments, contacts, codes. */
const otherLabel = /(?:transaction|txn|order|invoice|payment|deposit|withdraw|ref|promo|bonus|code|phone|tel|card|balance|транзакц|заказ|плат[её]ж|депозит|вывод|промо|бонус|код|телефон|карт|баланс)/iu;

/**
 * The value a step's pattern picks out of a reading, or undefined when it does not match: the
 * pattern's first group if it has one, else the whole match. An AI reading is usually the bare
 * value; local OCR gives the whole screen, where balances, phone numbers, order and transaction
 * numbers match an ID pattern too. So among several matches the one labelled as an ID ("Player ID",
 * "UID", "Account") wins over unlabelled ones, and those over numbers labelled as something else or
 * written as a phone ("+7…") or an order number ("#…"); ties go to the first, as a single match does.
 */
export function extractByPattern(raw: string, pattern: string): string | undefined {
  const regex = compileUserRegex(pattern);
  if (!regex) return undefined;
  const global = new RegExp(regex.source, regex.flags.includes('g') ? regex.flags : `${regex.flags}g`);
  let best: { value: string; score: number } | undefined;
  let previousEnd = 0;
  for (const match of raw.matchAll(global)) {
    const value = (match[1] ?? match[0]).trim();
    const start = match.index;
    const end = start + match[0].length;
    if (!value) continue;
    const score = labelScore(raw, start, Math.max(previousEnd, raw.lastIndexOf('\n', start - 1) + 1), match[0], value);
    previousEnd = end;
    if (!best || score > best.score) best = { value, score };
  }
  return best?.value;
}

/** How strongly the text before a match (its line, or the line above when the value stands alone) says "this is the ID". */
function labelScore(raw: string, start: number, contextStart: number, whole: string, value: string): number {
  let context = raw.slice(contextStart, start) + whole.slice(0, Math.max(0, whole.indexOf(value)));
  if (!/\p{L}/u.test(context)) {
    // Label above the value (a stacked layout): the nearest non-empty line before this one.
    const above = raw.slice(0, contextStart).trimEnd();
    context = above.slice(above.lastIndexOf('\n') + 1) + context;
  }
  const marked = /[+#№]\s*$/u.test(raw.slice(Math.max(0, start - 2), start) + whole.slice(0, Math.max(0, whole.indexOf(value))));
  return (idLabel.test(context) ? 2 : 0) - (otherLabel.test(context) ? 1 : 0) - (marked ? 2 : 0);
}
