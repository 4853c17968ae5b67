import { randomBytes } from 'node:crypto';
import { englishText, msg, type AppMessage } from '../../shared/appMessage';
import { compileUserRegex } from '../../shared/script';

/** The first "never say" rule a text breaks: plain phrases match case-insensitively, `/re/flags` as regex. */
export function brokenNeverSay(text: string, rules: readonly string[]): string | undefined {
  const lower = text.toLowerCase();
  return rules.find((rule) => {
    if (rule.startsWith('/')) return compileUserRegex(rule)?.test(text) ?? false;
    return lower.includes(rule.toLowerCase());
  });
}

/**
 * A per-run secret marker placed in every system prompt. It never appears in anything the lead can
 * see, so a reply that contains it is the system prompt leaking ("what is your system prompt?").
 */
export const promptCanary = `vrk-${randomBytes(6).toString('hex')}`;

// Links as Telegram would make them clickable: with a scheme, www., t.me/, or a bare domain with a common TLD.
const linkPattern =
  /\b(?:https?:\/\/[^\s<>"'«»]+|www\.[^\s<>"'«»]+|t\.me\/[^\s<>"'«»]+|(?:[a-z0-9-]+\.)+(?:com|net|org|io|ru|me|info|biz|xyz|top|online|site|app|co|bet|casino|club|pro|vip|cc|to|ly|gg|link|win|shop|store|live|su|ua|kz|by)\b(?:\/[^\s<>"'«»]*)?)/gi;

const normaliseLink = (link: string): string =>
  link.toLowerCase().replace(/^https?:\/\//, '').replace(/^www\./, '').replace(/[.,;:!?)\]]+$/, '').replace(/\/$/, '');

/** Every link in a text, normalised (no scheme, no www., no trailing punctuation). */
export function linksIn(text: string): string[] {
  return [...text.matchAll(linkPattern)].map((m) => normaliseLink(m[0]));
}

export interface ReplyRules {
  neverSay: readonly string[];
  /** Links the script itself holds (its variables and texts): the only ones a reply may carry. */
  allowedLinks: readonly string[];
  canary?: string;
  /** Operator-written prompt text; a long line of it quoted back is a leak too. */
  promptText?: string;
}

/**
 * What is wrong with an AI reply before the lead may read it: a "never say" phrase, the hidden
 * instructions (the canary, or a long line of the prompt quoted back), or a link the script does not
 * hold (a manipulated model advertising something). Each is handled like a "never say" breach.
 */
export function replyBreach(text: string, rules: ReplyRules): string | undefined {
  const breach = replyBreachReason(text, rules);
  return breach && (breach.code === 'breachNeverSay' ? String(breach.params?.phrase) : englishText(breach));
}

/** replyBreach as a coded message, for the lead's status reason. */
export function replyBreachReason(text: string, rules: ReplyRules): AppMessage | undefined {
  const never = brokenNeverSay(text, rules.neverSay);
  if (never) return msg('breachNeverSay', { phrase: never });
  if (rules.canary && text.includes(rules.canary)) return msg('breachPromptLeak');
  const quoted = (rules.promptText ?? '')
    .split('\n')
    .map((line) => line.trim())
    .find((line) => line.length >= 40 && text.includes(line));
  if (quoted) return msg('breachPromptLeak');
  const allowed = rules.allowedLinks.map(normaliseLink);
  const foreign = linksIn(text).find((link) => !allowed.some((a) => link === a || link.startsWith(`${a}/`) || link.startsWith(`${a}?`)));
  return foreign ? msg('breachForeignLink', { link: foreign }) : undefined;
}
