import * as chrono from 'chrono-node';
import { offsetMinutes } from './zonedTime';

/**
 * The time a lead named ("через час", "вечером", "завтра утром", "tomorrow at 5"), read locally
 * with chrono-node in Russian or English. Used when the AI cannot answer. Only future times count.
 */
export function parseLeadTime(text: string, now: number, zone: string): number | undefined {
  const parser = /[а-яё]/i.test(text) ? chrono.ru : chrono.en;
  const results = parser.parse(text, { instant: new Date(now), timezone: offsetMinutes(now, zone) }, { forwardDate: true });
  const at = results[0]?.start.date().getTime();
  return at !== undefined && at > now ? at : undefined;
}
