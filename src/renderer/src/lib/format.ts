import i18next from 'i18next';

const locale = (): string => (i18next.language === 'ru' ? 'ru-RU' : 'en-GB');

// `toLocaleString(locale, options)` builds a new Intl formatter on every call (~70 µs); lists and
// chats format hundreds of times a render, so each formatter is made once per locale.
const formatters = new Map<string, Intl.DateTimeFormat>();
function dateFormat(kind: 'dateTime' | 'time' | 'dayMonth'): Intl.DateTimeFormat {
  const key = `${locale()}|${kind}`;
  let format = formatters.get(key);
  if (!format) {
    const options: Intl.DateTimeFormatOptions =
      kind === 'dateTime' ? { dateStyle: 'short', timeStyle: 'short' } : kind === 'time' ? { hour: '2-digit', minute: '2-digit' } : { day: '2-digit', month: '2-digit' };
    format = new Intl.DateTimeFormat(locale(), options);
    formatters.set(key, format);
  }
  return format;
}

export function formatDateTime(ts: number | null | undefined): string {
  if (ts == null) return '—';
  return dateFormat('dateTime').format(ts);
}

export function formatTime(ts: number): string {
  return dateFormat('time').format(ts);
}

/** Today → time only, otherwise a short date: for dense lists. */
export function formatWhen(ts: number | null | undefined): string {
  if (ts == null) return '';
  const date = new Date(ts);
  const today = new Date();
  if (date.toDateString() === today.toDateString()) return formatTime(ts);
  return dateFormat('dayMonth').format(ts);
}

const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(style: 'percent' | 'decimal', digits: number): Intl.NumberFormat {
  const key = `${locale()}|${style}|${digits}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale(), { style, maximumFractionDigits: digits, minimumFractionDigits: digits });
    numberFormats.set(key, format);
  }
  return format;
}

/** 0.125 → "12.5%" (en) / "12,5 %" (ru). */
export function formatPercent(value: number, digits = 1): string {
  return numberFormat('percent', digits).format(value);
}

export function formatNumber(value: number, digits = 0): string {
  return numberFormat('decimal', digits).format(value);
}

/** A `yyyy-mm-dd` day key from the server → a short date in the UI language (the day is already local). */
export function formatDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return dateFormat('dayMonth').format(new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1));
}

export function formatMoney(value: number): string {
  return `$${value.toLocaleString(locale(), { maximumFractionDigits: 4, minimumFractionDigits: 2 })}`;
}

/** `yyyy-mm-dd` in local time, for date inputs. */
export function toDateInput(ts: number): string {
  const d = new Date(ts);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function fromDateInput(value: string, endOfDay = false): number {
  const [y, m, d] = value.split('-').map(Number);
  const date = new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1);
  if (endOfDay) date.setHours(23, 59, 59, 999);
  return date.getTime();
}
