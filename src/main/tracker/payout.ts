/** A payout as networks write it: `20,50`, `1,000.50`, `1 000,50`, `25 USD`, `$25`, `€12.5`. */
export type Payout = { ok: true; amount: number; currency: string | null } | { ok: false };

const symbols: Readonly<Record<string, string>> = { $: 'USD', '€': 'EUR', '£': 'GBP', '₽': 'RUB', '₴': 'UAH', '₸': 'KZT', '₹': 'INR', '₺': 'TRY', R$: 'BRL' };
// Spaces networks put between thousands: plain, no-break, narrow no-break, thin; and the Swiss apostrophe.
const groupSpace = /[\s\u00a0\u202f\u2009']/g;

/**
 * Reads amount and currency, or says it cannot: a payout that is neither a number nor a number
 * with a currency is kept raw by the caller and flagged, never guessed at.
 *
 * Separators: with both `,` and `.`, the last one is the decimal mark and the other groups
 * thousands (`1,000.50`, `1.000,50`); a lone separator followed by exactly three digits after a
 * non-zero integer part groups thousands (`1,000`), otherwise it is the decimal mark (`20,50`).
 */
export function parsePayout(text: string): Payout {
  let rest = text.trim();
  let currency: string | null = null;
  const code = /^([A-Za-z]{3})\s*(?=[-+\d.,])|(?<=[\d.,])\s*([A-Za-z]{3})$/.exec(rest);
  if (code) {
    currency = (code[1] ?? code[2] ?? '').toUpperCase();
    rest = code[1] ? rest.slice(code[0].length) : rest.slice(0, rest.length - code[0].length);
  } else {
    for (const [symbol, name] of Object.entries(symbols)) {
      if (rest.startsWith(symbol)) {
        currency = name;
        rest = rest.slice(symbol.length).trim();
        break;
      }
      if (rest.endsWith(symbol)) {
        currency = name;
        rest = rest.slice(0, -symbol.length).trim();
        break;
      }
    }
  }
  const amount = amountOf(rest.replace(groupSpace, ''));
  return amount === undefined ? { ok: false } : { ok: true, amount, currency };
}

function amountOf(text: string): number | undefined {
  const match = /^([-+]?)([\d.,]+)$/.exec(text);
  if (!match?.[2] || !/\d/.test(match[2])) return undefined;
  const sign = match[1] === '-' ? -1 : 1;
  const body = match[2];
  const lastComma = body.lastIndexOf(',');
  const lastDot = body.lastIndexOf('.');
  let integer: string;
  let fraction = '';
  if (lastComma >= 0 && lastDot >= 0) {
    const decimal = lastComma > lastDot ? ',' : '.';
    const at = body.lastIndexOf(decimal);
    integer = body.slice(0, at);
    fraction = body.slice(at + 1);
    const group = decimal === ',' ? '.' : ',';
    if (integer.includes(decimal) || !grouped(integer, group)) return undefined;
    integer = integer.split(group).join('');
  } else if (lastComma >= 0 || lastDot >= 0) {
    const mark = lastComma >= 0 ? ',' : '.';
    const parts = body.split(mark);
    if (parts.length > 2) {
      if (!grouped(body, mark)) return undefined;
      integer = parts.join('');
    } else {
      const [head = '', tail = ''] = parts;
      if (tail.length === 3 && /^[1-9]\d{0,2}$/.test(head)) integer = head + tail;
      else {
        integer = head;
        fraction = tail;
      }
    }
  } else integer = body;
  if (!/^\d*$/.test(integer) || !/^\d*$/.test(fraction) || integer + fraction === '') return undefined;
  const value = Number(`${integer || '0'}.${fraction || '0'}`);
  return Number.isFinite(value) ? sign * (Math.round(value * 1e6) / 1e6) : undefined;
}

/** `1,000,000` grouped by `,`: a 1–3 digit head, then groups of exactly three. */
function grouped(text: string, group: string): boolean {
  const parts = text.split(group);
  return /^\d{1,3}$/.test(parts[0] ?? '') && parts.slice(1).every((p) => /^\d{3}$/.test(p));
}
