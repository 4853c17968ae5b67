/**
 * A small JSON Schema checker covering what structured-output schemas use (type, properties, required,
 * additionalProperties, items, enum, const, anyOf/oneOf, local $ref). It exists to catch a test
 * scripting a reply that could never come from a strict json_schema request, and to build a value that
 * surely violates a schema for the `schemaViolation` fault. It is not a general validator.
 */

type Schema = Record<string, unknown>;

function isRecord(v: unknown): v is Schema {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function typeMatches(expected: string, value: unknown): boolean {
  const actual = typeOf(value);
  return expected === actual || (expected === 'number' && actual === 'integer');
}

function resolveRef(root: Schema, ref: string): Schema | undefined {
  if (ref === '#') return root;
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = isRecord(node) ? node[key] : undefined;
  }
  return isRecord(node) ? node : undefined;
}

function check(root: Schema, schema: Schema, value: unknown, path: string, errors: string[], depth: number): void {
  if (depth > 50) {
    errors.push(`${path}: schema nesting too deep (recursive $ref?)`);
    return;
  }
  if (typeof schema.$ref === 'string') {
    const target = resolveRef(root, schema.$ref);
    if (!target) errors.push(`${path}: unresolvable $ref ${schema.$ref}`);
    else check(root, target, value, path, errors, depth + 1);
    return;
  }
  const alternatives = Array.isArray(schema.anyOf) ? schema.anyOf : Array.isArray(schema.oneOf) ? schema.oneOf : undefined;
  if (alternatives) {
    const fits = alternatives.some((alt) => {
      const sub: string[] = [];
      if (isRecord(alt)) check(root, alt, value, path, sub, depth + 1);
      return sub.length === 0;
    });
    if (!fits) errors.push(`${path}: matches none of the anyOf alternatives`);
  }
  if ('const' in schema && JSON.stringify(schema.const) !== JSON.stringify(value)) {
    errors.push(`${path}: expected const ${JSON.stringify(schema.const)}`);
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) {
    errors.push(`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  }
  const rawType = schema.type;
  const types = typeof rawType === 'string' ? [rawType] : Array.isArray(rawType) ? (rawType as string[]) : undefined;
  if (types && !types.some((t) => typeMatches(t, value))) {
    errors.push(`${path}: expected ${types.join(' | ')}, got ${typeOf(value)}`);
    return;
  }
  if (isRecord(value)) {
    const props = isRecord(schema.properties) ? schema.properties : {};
    const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
    for (const key of required) if (!(key in value)) errors.push(`${path}: missing required key "${key}"`);
    for (const [key, v] of Object.entries(value)) {
      const sub = props[key];
      if (isRecord(sub)) check(root, sub, v, `${path}.${key}`, errors, depth + 1);
      else if (schema.additionalProperties === false) errors.push(`${path}: unexpected key "${key}"`);
      else if (isRecord(schema.additionalProperties)) {
        check(root, schema.additionalProperties, v, `${path}.${key}`, errors, depth + 1);
      }
    }
  }
  if (Array.isArray(value) && isRecord(schema.items)) {
    const items = schema.items;
    value.forEach((item, i) => check(root, items, item, `${path}[${i}]`, errors, depth + 1));
  }
}

/** Returns human-readable violations; empty when `value` matches `schema`. */
export function schemaErrors(schema: Schema, value: unknown): string[] {
  const errors: string[] = [];
  check(schema, schema, value, '$', errors, 0);
  return errors;
}

/**
 * A JSON value that does not match `schema`: an object with an unexpected key first (the most
 * realistic model mistake: wrong keys), then values of the wrong type. Undefined only when the schema
 * accepts anything.
 */
export function violatingValue(schema: Schema): unknown {
  const note = 'injected schema violation';
  const candidates: unknown[] = [{ unexpected_key: note }, [note], note, 0, null];
  return candidates.find((c) => schemaErrors(schema, c).length > 0);
}
