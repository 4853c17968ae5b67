import type { z } from 'zod';
import { StoredStateError } from '../storedStateError';

/**
 * Reads a JSON column through its schema: SQL NULL is JSON `null` (the schema decides whether that is
 * allowed), anything that is not JSON or does not match throws `StoredStateError` naming the column.
 * Only those two failures are caught; anything else is a bug and propagates as is.
 */
export function parseJsonColumn<S extends z.ZodType>(text: unknown, schema: S, column: string, rowId: number): z.output<S> {
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
