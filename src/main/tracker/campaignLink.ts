/**
 * Campaign links for a personal account: Telegram has no `/start` payload for users, only
 * `https://t.me/<username>?text=<draft>`, which fills the lead's input box. The draft carries the
 * campaign token; the lead may still edit it, so attribution is best effort (see TUNNEL.md).
 */

const tokenSlot = '{token}';

/** The greeting with the token in its slot (or appended when the template has none). */
export function greetingWithToken(greeting: string, token: string): string {
  return greeting.includes(tokenSlot) ? greeting.replace(tokenSlot, token) : `${greeting.trimEnd()} ${token}`;
}

/** The link to publish as is: `#CODE` only, so every lead from it gets a generated click id. */
export function campaignLink(username: string, greeting: string, code: string): string {
  return `https://t.me/${username.replace(/^@/, '')}?text=${encodeURIComponent(greetingWithToken(greeting, `#${code}`))}`;
}

/**
 * The same link for a tracker to redirect to, with its click-id macro left literal (encoded, the
 * tracker would not recognise it): `…?text=Hi%20%23K7Q2M9-{subid}`.
 */
export function trackerLinkTemplate(username: string, greeting: string, code: string, clickIdMacro: string): string {
  const marker = '\u0000';
  const text = greetingWithToken(greeting, `#${code}-${marker}`);
  const [before = '', after = ''] = text.split(marker);
  return `https://t.me/${username.replace(/^@/, '')}?text=${encodeURIComponent(before)}${clickIdMacro}${encodeURIComponent(after)}`;
}
