import { compileUserRegex } from '../../shared/script';

/** The first "never say" rule a text breaks: plain phrases match case-insensitively, `/re/flags` as regex. */
export function brokenNeverSay(text: string, rules: readonly string[]): string | undefined {
  const lower = text.toLowerCase();
  return rules.find((rule) => {
    if (rule.startsWith('/')) return compileUserRegex(rule)?.test(text) ?? false;
    return lower.includes(rule.toLowerCase());
  });
}
