import { msg, type AppMessage } from '../../shared/appMessage';
/** Longest value kept per param; longer ones are cut (the raw request is still logged as sent). */
export const maxParamLength = 2000;
/** Longest param name read; longer names are skipped. */
export const maxParamNameLength = 100;
/** Most params one request may carry (query, form and JSON keys together). */
export const maxParams = 200;
/** Deepest JSON nesting accepted: trackers send flat objects, at most one level of `fields`. */
export const maxJsonDepth = 5;

export type ParamsResult = { ok: true; params: Record<string, string> } | { ok: false; error: AppMessage };
export type FormPairs = { ok: true; pairs: [string, string][] } | { ok: false; error: AppMessage };

/** A whole value that is an unfilled `%macro%` template: literal, even though `%ma` is no escape. */
const percentMacro = /^%[A-Za-z_][\w.-]*%$/;

/**
 * Splits a query string or form body into decoded pairs (`+` is a space). Broken percent-encoding
 * is an error naming the param: read as a value it would become a click id nobody has, and taken
 * for an unfilled macro it would hide what the sender really got wrong.
 */
export function decodeForm(text: string): FormPairs {
  const pairs: [string, string][] = [];
  for (const part of text.split('&')) {
    if (part === '') continue;
    const at = part.indexOf('=');
    const rawKey = at < 0 ? part : part.slice(0, at);
    const rawValue = at < 0 ? '' : part.slice(at + 1);
    const key = decode(rawKey);
    if (key === undefined) return { ok: false, error: msg('pbBadEncodingName') };
    const value = decode(rawValue) ?? (percentMacro.test(rawValue) ? rawValue : undefined);
    if (value === undefined) return { ok: false, error: msg('pbBadEncoding', { param: key.slice(0, 64) }) };
    pairs.push([key, value]);
  }
  return { ok: true, pairs };
}

function decode(text: string): string | undefined {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

/**
 * Flattens a postback's query and body (form text or a parsed JSON object) into one string map.
 * The first occurrence of a key wins (query before body); nested JSON objects become dotted keys
 * one level deep (`{"fields":{"uid":1}}` → `fields.uid`); arrays and deeper values are not params.
 */
export function requestParams(query: string, body: string | Record<string, unknown> | undefined): ParamsResult {
  // No prototype: a param named `__proto__` or `constructor` is just a key here.
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  let count = 0;
  const put = (key: string, value: unknown): boolean => {
    if (++count > maxParams) return false;
    const text = scalar(value);
    if (key.length <= maxParamNameLength && text !== undefined && !Object.hasOwn(out, key)) out[key] = text.slice(0, maxParamLength);
    return true;
  };
  const tooMany = { ok: false, error: msg('pbTooManyParams', { max: maxParams }) } as const;
  for (const source of [query, body]) {
    if (source === undefined) continue;
    if (typeof source === 'string') {
      const form = decodeForm(source);
      if (!form.ok) return form;
      for (const [key, value] of form.pairs) if (!put(key, value)) return tooMany;
      continue;
    }
    for (const [key, value] of Object.entries(source)) {
      if (value && typeof value === 'object' && !Array.isArray(value)) {
        for (const [inner, v] of Object.entries(value as Record<string, unknown>)) if (!put(`${key}.${inner}`, v)) return tooMany;
      } else if (!put(key, value)) return tooMany;
    }
  }
  return { ok: true, params: out };
}

function scalar(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return String(value);
  return undefined;
}

/**
 * Parses a JSON body within limits, scanning before parsing so a hostile body costs one linear pass:
 * nesting deeper than `maxJsonDepth` or more than `maxParams` keys is refused (400), as is anything but
 * an object at the top.
 */
export function parseJsonBody(text: string): { ok: true; value: Record<string, unknown> } | { ok: false; error: AppMessage } {
  let depth = 0;
  let keys = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > maxJsonDepth) return { ok: false, error: msg('pbJsonDeep', { max: maxJsonDepth }) };
    } else if (c === 125 /* } */ || c === 93 /* ] */) depth--;
    else if (c === 58 /* : */ && ++keys > maxParams) return { ok: false, error: msg('pbJsonKeys', { max: maxParams }) };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, error: msg('pbJsonMalformed') };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { ok: false, error: msg('pbJsonNotObject') };
  return { ok: true, value: value as Record<string, unknown> };
}
