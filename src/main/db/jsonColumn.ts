import type { z } from 'zod';
import { StoredStateError } from '../storedStateError';

/**
 * Reads a JSON column through its schema: SQL NULL is JSON `null` (the schema decides whether that is
 * allowed), anything that is not JSON or does not match throws `StoredStateError` naming the column.
 * Only those two failures are caught; anything else is a bug and propagates as is.
 */
export function parseJsonColumn<S extends z.ZodType>(text: unknown, schema: S, column: string, rowId: number): z.output<S> {
  // Most JSON columns of most rows hold an empty object or list (a lead's step state, memo, fields,
  // tags…), read on every turn: whether the schema takes it (and as what) is worked out once per
  // schema, and each read gets a fresh copy (callers may change what they get).
  if (text === '{}' || text === '[]') {
    const empty = emptyValue(schema, text);
    if (empty !== undefined) return empty.copy() as z.output<S>;
  }
  let value: unknown = null;
  if (typeof text === 'string') {
    try {
      value = JSON.parse(text);
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
      throw new StoredStateError(column, rowId, `not valid JSON (${error.message})`);
    }
  } else if (text !== null && text !== undefined) {
    throw new StoredStateError(column, rowId, `expected JSON text, found ${typeof text}`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));
    throw new StoredStateError(column, rowId, issues.slice(0, 3).join('; '));
  }
  return parsed.data;
}

const emptyValues = { '{}': new WeakMap<z.ZodType, { copy: () => unknown } | null>(), '[]': new WeakMap<z.ZodType, { copy: () => unknown } | null>() };

/** What `schema` makes of `{}` / `[]` when that is again an empty object / list (no defaults added); else undefined. */
function emptyValue(schema: z.ZodType, text: '{}' | '[]'): { copy: () => unknown } | undefined {
  const known = emptyValues[text].get(schema);
  if (known !== undefined) return known ?? undefined;
  const parsed = schema.safeParse(JSON.parse(text));
  const data: unknown = parsed.success ? parsed.data : undefined;
  const isEmptyObject = text === '{}' && typeof data === 'object' && data !== null && !Array.isArray(data) && Object.getPrototypeOf(data) === Object.prototype && Object.keys(data).length === 0;
  const isEmptyList = text === '[]' && Array.isArray(data) && data.length === 0;
  const entry = isEmptyObject ? { copy: () => ({}) } : isEmptyList ? { copy: () => [] } : null;
  emptyValues[text].set(schema, entry);
  return entry ?? undefined;
}
