import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseJsonColumn } from '../../../src/main/db/jsonColumn';
import { StoredStateError } from '../../../src/main/storedStateError';

describe('parseJsonColumn with empty objects and lists (the common case, answered from a per-schema cache)', () => {
  it('gives a fresh empty value each read: changing one leaves the next alone', () => {
    const schema = z.record(z.string(), z.unknown());
    const first = parseJsonColumn('{}', schema, 'leads.memo', 1);
    first.x = 1;
    expect(parseJsonColumn('{}', schema, 'leads.memo', 2)).toEqual({});
    const list = parseJsonColumn('[]', z.array(z.string()), 'lead_tags', 1);
    list.push('a');
    expect(parseJsonColumn('[]', z.array(z.string()), 'lead_tags', 1)).toEqual([]);
  });

  it('still applies what the schema makes of an empty value (defaults), and still refuses what it refuses', () => {
    const withDefault = z.object({ n: z.number().default(3) });
    expect(parseJsonColumn('{}', withDefault, 'c', 1)).toEqual({ n: 3 });
    expect(parseJsonColumn('{}', withDefault, 'c', 1)).toEqual({ n: 3 });
    const needsField = z.object({ n: z.number() });
    expect(() => parseJsonColumn('{}', needsField, 'c', 1)).toThrow(StoredStateError);
    expect(() => parseJsonColumn('{}', needsField, 'c', 1)).toThrow(StoredStateError);
    expect(() => parseJsonColumn('[]', z.record(z.string(), z.unknown()), 'c', 1)).toThrow(StoredStateError);
  });
});
