/** Telegram's limits (config message_length_max / caption_length_max), in UTF-16 code units like JS strings. */
export const messageLengthMax = 4096;
export const captionLengthMax = 1024;

/**
 * Splits a text into parts of at most `max` UTF-16 units, cutting at the last paragraph break, then
 * line break, then sentence end, then space inside each window; only a text with none of those is
 * cut mid-word (never inside a surrogate pair). Joining the parts with a space or a newline gives
 * the text back: nothing is ever dropped.
 */
export function splitText(text: string, max = messageLengthMax): string[] {
  const parts: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const window = rest.slice(0, max + 1);
    const cut = lastBreak(window, max);
    const part = rest.slice(0, cut).trimEnd();
    parts.push(part);
    rest = rest.slice(cut).trimStart();
  }
  if (rest) parts.push(rest);
  return parts;
}

/** Where to cut `window` (whose first `max` units may form a part); never 0. */
function lastBreak(window: string, max: number): number {
  const floor = Math.floor(max / 3); // a break too early would make many tiny parts
  for (const pattern of [/\n\s*\n/g, /\n/g, /[.!?…]["»”')\]]*\s/g, /\s/g]) {
    let best = -1;
    for (const m of window.matchAll(pattern)) {
      const end = m.index + m[0].length;
      if (end <= max + 1 && m.index >= floor) best = pattern.source === '\\s' || pattern.source.startsWith('\\n') ? m.index + 1 : end;
    }
    if (best > 0) return Math.min(best, max);
  }
  // One unbroken run: cut at the limit, but not between the halves of a surrogate pair.
  const code = window.charCodeAt(max - 1);
  return code >= 0xd800 && code <= 0xdbff ? max - 1 : max;
}
