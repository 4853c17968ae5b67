import { randomBytes } from 'node:crypto';

/**
 * The default token a campaign link puts in the lead's greeting: `#` + the campaign code, then
 * optionally `-` + the click id, e.g. "Здравствуйте! Промокод #K7Q2M9-3f9a1c2b". It reads as a promo
 * code, which leads keep rather than tidy away, and `#` + code is unlikely in ordinary chat.
 * Configurable; a custom pattern uses the named groups `code`, `clickid` and `sub1`…`sub5`.
 */
export const defaultCampaignPattern = '#(?<code>[A-Za-z0-9]{4,8})(?:-(?<clickid>[A-Za-z0-9_]{4,64}))?(?![A-Za-z0-9_-])';

export interface CampaignToken {
  /** The matched text, as the lead sent it. */
  raw: string;
  code: string | undefined;
  clickid: string | undefined;
  subs: Record<string, string>;
}

/** Finds the campaign token in a message and returns the text without it (what the AI should see). */
export function extractCampaignToken(text: string, pattern: string): { token: CampaignToken; cleanText: string } | undefined {
  const regex = compilePattern(pattern);
  if (!regex) return undefined;
  const match = regex.exec(text);
  if (!match) return undefined;
  const groups = match.groups ?? {};
  const subs: Record<string, string> = {};
  for (const n of [1, 2, 3, 4, 5]) {
    const value = groups[`sub${n}`];
    if (value) subs[`sub${n}`] = value;
  }
  // Only the seam is tidied: "код #AB12, ещё" → "код, ещё"; the rest of the text stays as written.
  const after = text.slice(match.index + match[0].length);
  const before = text.slice(0, match.index);
  const cleanText = (/^[,.!?:;)]/.test(after) ? before.trimEnd() + after : before.replace(/[ \t]+$/, ' ') + after.replace(/^[ \t]+/, '')).trim();
  return { token: { raw: match[0], code: groups.code?.toUpperCase(), clickid: groups.clickid, subs }, cleanText };
}

/** A user pattern that does not compile (or could match nothing) is reported, not thrown per message. */
export function compilePattern(pattern: string): RegExp | undefined {
  try {
    return new RegExp(pattern, 'iu');
  } catch {
    return undefined;
  }
}

// Unambiguous characters: no 0/O, 1/I/L, so a code retyped by hand still matches.
const codeAlphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

export function generateCampaignCode(length = 6): string {
  const bytes = randomBytes(length);
  return Array.from(bytes, (b) => codeAlphabet[b % codeAlphabet.length]).join('');
}

/** Click id for a lead who came without one (organic or a direct campaign link). */
export function generateClickId(prefix: 'org' | 'vr'): string {
  return `${prefix}_${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')}`;
}
