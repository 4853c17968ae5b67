/**
 * A deep copy of JSON-shaped data (plain objects, arrays, primitives): what a lead snapshot is, read
 * from JSON columns. About 7× cheaper than `structuredClone` for a snapshot (0.5 vs 3.5 µs), paid on
 * every turn. A `__proto__` key (JSON.parse makes it an own property) stays an own property.
 */
export function cloneJson<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(cloneJson) as T;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const item = cloneJson((value as Record<string, unknown>)[key]);
    if (key === '__proto__') Object.defineProperty(copy, key, { value: item, enumerable: true, writable: true, configurable: true });
    else copy[key] = item;
  }
  return copy as T;
}
