import { describe, expect, it } from 'vitest';
import { cloneJson } from '../../../src/main/engine/cloneJson';

describe('cloneJson', () => {
  it('copies JSON-shaped data deeply: changing the copy leaves the original alone', () => {
    const original = { a: 1, b: 'x', c: null, d: [1, { e: true }], f: { g: { h: [] as number[] } }, u: undefined };
    const copy = cloneJson(original);
    expect(copy).toEqual(original);
    expect('u' in copy).toBe(true);
    copy.f.g.h.push(1);
    (copy.d[1] as { e: boolean }).e = false;
    expect(original.f.g.h).toEqual([]);
    expect(original.d[1]).toEqual({ e: true });
  });

  it('keeps a "__proto__" key from JSON as data, not as the prototype', () => {
    const parsed = JSON.parse('{"__proto__": {"polluted": true}, "x": 1}') as Record<string, unknown>;
    const copy = cloneJson(parsed);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect((copy as { polluted?: boolean }).polluted).toBeUndefined();
    expect(Object.keys(copy)).toEqual(['__proto__', 'x']);
    expect(JSON.stringify(copy)).toBe(JSON.stringify(parsed));
  });
});
