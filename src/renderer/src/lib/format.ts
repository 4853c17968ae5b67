import i18next from 'i18next';

/*
 * The one place the UI formats dates, times, numbers, money and sizes: Intl in the UI language
 * (ru-RU or en-GB), so every page shows the same format. Components never call toLocaleString.
 */
const locale = (): string => (i18next.language === 'ru' ? 'ru-RU' : 'en-GB');

// `toLocaleString(locale, options)` builds a new Intl formatter on every call (~70 µs); lists and
// chats format hundreds of times a render, so each formatter is made once per locale.
const formatters = new Map<string, Intl.DateTimeFormat>();
function dateFormat(kind: 'dateTime' | 'time' | 'dayMonth', timeZone?: string): Intl.DateTimeFormat {
  const key = `${locale()}|${kind}|${timeZone ?? ''}`;
  let format = formatters.get(key);
  if (!format) {
    const options: Intl.DateTimeFormatOptions =
      kind === 'dateTime' ? { dateStyle: 'short', timeStyle: 'short' } : kind === 'time' ? { hour: '2-digit', minute: '2-digit' } : { day: '2-digit', month: '2-digit' };
    format = new Intl.DateTimeFormat(locale(), timeZone ? { ...options, timeZone } : options);
    formatters.set(key, format);
  }
  return format;
}

/** Date and time; in `timeZone` when given (a script's zone in the emulator), else the computer's. */
export function formatDateTime(ts: number | null | undefined, timeZone?: string): string {
  if (ts == null) return '—';
  try {
    return dateFormat('dateTime', timeZone).format(ts);
  } catch {
    // An unknown zone (a script being edited): the computer's zone rather than nothing.
    return dateFormat('dateTime').format(ts);
  }
}

export function formatTime(ts: number): string {
  return dateFormat('time').format(ts);
}

/** Today → time only, otherwise a short date: for dense lists. */
export function formatWhen(ts: number | null | undefined): string {
  if (ts == null) return '';
  return isToday(ts) ? formatTime(ts) : dateFormat('dayMonth').format(ts);
}

// Today's bounds in the computer's zone, remade when the day changes: a scrolling list formats ten
// rows a frame, and two Dates and two toDateString() per row were a measurable part of it.
let today = { from: 0, to: 0 };
function isToday(ts: number): boolean {
  const now = Date.now();
  if (now < today.from || now >= today.to) {
    const day = new Date(now);
    day.setHours(0, 0, 0, 0);
    const from = day.getTime();
    day.setDate(day.getDate() + 1);
    today = { from, to: day.getTime() };
  }
  return ts >= today.from && ts < today.to;
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

const moneyFormats = new Map<string, Intl.NumberFormat>();
/** An amount in its currency ("$1,234.50" / "1 234,50 $"); AI costs keep up to 4 decimals. */
export function formatMoney(value: number, currency = 'USD', maxDigits = 4): string {
  const code = /^[A-Za-z]{3}$/.test(currency) ? currency.toUpperCase() : '';
  const key = `${locale()}|${code}|${maxDigits}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale(), code ? { style: 'currency', currency: code, minimumFractionDigits: 2, maximumFractionDigits: Math.max(2, maxDigits) } : { minimumFractionDigits: 2, maximumFractionDigits: Math.max(2, maxDigits) });
    moneyFormats.set(key, format);
  }
  // A currency the tracker sent that Intl does not know still shows, after the number.
  return code ? format.format(value) : `${format.format(value)} ${currency}`.trim();
}

/** A file size in megabytes, one decimal, with the unit in the UI language ("1.5 MB" / "1,5 МБ"). */
export function formatMegabytes(bytes: number): string {
  return new Intl.NumberFormat(locale(), { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(bytes / 1024 / 1024);
}

/** A file size in the UI language: KB below a megabyte, else MB with one decimal ("1 KB", "40,5 МБ"). */
export function formatFileSize(bytes: number): string {
  return bytes < 1024 * 1024
    ? new Intl.NumberFormat(locale(), { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 0 }).format(Math.ceil(bytes / 1024))
    : new Intl.NumberFormat(locale(), { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 }).format(bytes / 1024 / 1024);
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
