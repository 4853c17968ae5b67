/** Longest value kept per param; longer ones are cut (the raw request is still logged as sent). */
export const maxParamLength = 2000;
/** Most params read from one request: a flood of keys must not cost more than a normal postback. */
export const maxParams = 200;

/**
 * Flattens a postback's query and body (form fields or a JSON object) into one string map. The
 * query wins over the body for the same key; a repeated key keeps its first value; nested JSON
 * objects become dotted keys one level deep (`{"fields":{"uid":1}}` → `fields.uid`).
 */
export function requestParams(query: unknown, body: unknown): Record<string, string> {
  // No prototype: a param named `__proto__` or `constructor` is just a key here.
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  const put = (key: string, value: unknown): void => {
    if (Object.keys(out).length >= maxParams || Object.hasOwn(out, key) || key.length > 100) return;
    const text = scalar(Array.isArray(value) ? value[0] : value);
    if (text !== undefined) out[key] = text.slice(0, maxParamLength);
  };
  for (const source of [query, typeof body === 'string' ? Object.fromEntries(new URLSearchParams(body)) : body]) {
    if (!source || typeof source !== 'object' || Array.isArray(source)) continue;
    for (const [key, value] of Object.entries(source as Record<string, unknown>)) {
      if (value && typeof value === 'object' && !Array.isArray(value)) {
        for (const [inner, v] of Object.entries(value as Record<string, unknown>)) put(`${key}.${inner}`, v);
      } else put(key, value);
    }
  }
  return out;
}

function scalar(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return String(value);
  return undefined;
}
