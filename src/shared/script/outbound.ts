import { renderTemplate, type MacroContext } from './macros';

/**
 * Filling templates of outbound requests (webhook step, "send event to tracker"). Macro values come
 * from the lead (name, fields, tracker values), so each is encoded for the place it lands: a lead
 * called `Eve&status=deposit#` must stay one query value, never add parameters or cut the URL. The
 * template itself (and the script's variables) is the operator's and is used as written.
 */

const macro = /\{\{([^{}]*)\}\}/g;
const extraMacro = /^\s*(event)\.([A-Za-z_][A-Za-z0-9_]*)\s*$/;

/** Values of namespaces beyond the script's (e.g. `event.name` for tracker events), by `ns.key`. */
export type ExtraValues = Record<string, string | number | null | undefined>;

export class OutboundTemplateError extends Error {}

function substitute(template: string, ctx: MacroContext, extra: ExtraValues, encodeAt: (offset: number) => (value: string) => string): string {
  return template.replace(macro, (raw: string, inner: string, offset: number) => {
    const encode = encodeAt(offset);
    const extraMatch = extraMacro.exec(inner);
    if (extraMatch) {
      const key = `${extraMatch[1]}.${extraMatch[2]}`;
      if (key in extra) {
        const value = extra[key];
        return encode(value === null || value === undefined ? '' : String(value));
      }
      return raw;
    }
    return renderTemplate(raw, ctx, encode);
  });
}

/**
 * A URL from a template. Every value is percent-encoded as a URI component, which is right for a
 * path segment (`/` encoded), a query value (`&`, `=`, `#`, `+` encoded) and the fragment. A value
 * of only dots in the path would climb directories (`..` is normalised even when encoded), so it is
 * refused. Throws {@link OutboundTemplateError} when the result is not an http(s) URL.
 */
export function renderUrlTemplate(template: string, ctx: MacroContext, extra: ExtraValues = {}): string {
  const queryStart = template.search(/[?#]/);
  const url = substitute(template, ctx, extra, (offset) => (value) => {
    if ((queryStart === -1 || offset < queryStart) && /^\.+$/.test(value.trim()))
      throw new OutboundTemplateError(`The value "${value}" cannot go into a URL path`);
    return encodeURIComponent(value);
  });
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new OutboundTemplateError(`Not a valid URL: ${url}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new OutboundTemplateError(`Only http and https URLs can be called, not ${parsed.protocol}`);
  return url;
}

export type BodyKind = 'json' | 'form' | 'text';

/** What a body template is: by its content type when given, else JSON when it looks like JSON, else a form. */
export function bodyKind(template: string, headers: Record<string, string> = {}): BodyKind {
  const contentType = Object.entries(headers).find(([name]) => name.toLowerCase() === 'content-type')?.[1]?.toLowerCase();
  if (contentType) {
    if (contentType.includes('json')) return 'json';
    if (contentType.includes('x-www-form-urlencoded')) return 'form';
    return 'text';
  }
  const trimmed = template.trim();
  return trimmed.startsWith('{') || trimmed.startsWith('[') ? 'json' : 'form';
}

/**
 * A request body from a template. JSON: a value inside a string literal is escaped as string content
 * (`"name": "{{lead.first_name}}"`), a value outside one becomes a whole JSON string — either way it
 * can never add keys or break the document. Form: each value percent-encoded. Text: as is.
 */
export function renderBodyTemplate(template: string, ctx: MacroContext, kind: BodyKind, extra: ExtraValues = {}): string {
  if (kind === 'form') return substitute(template, ctx, extra, () => encodeURIComponent);
  if (kind === 'text') return substitute(template, ctx, extra, () => (value) => value);
  const inString = stringMap(template);
  return substitute(template, ctx, extra, (offset) => (inString(offset) ? (value) => JSON.stringify(value).slice(1, -1) : (value) => JSON.stringify(value)));
}

/** For a JSON template, whether a position lies inside a string literal (macros themselves skipped). */
function stringMap(template: string): (offset: number) => boolean {
  const starts: { offset: number; inString: boolean }[] = [];
  let inString = false;
  let last = 0;
  for (const match of template.matchAll(macro)) {
    inString = scan(template.slice(last, match.index), inString);
    starts.push({ offset: match.index, inString });
    last = match.index + match[0].length;
  }
  return (offset) => starts.find((s) => s.offset === offset)?.inString ?? false;
}

function scan(literal: string, inString: boolean): boolean {
  let state = inString;
  for (let i = 0; i < literal.length; i++) {
    const c = literal[i];
    if (state && c === '\\') i++;
    else if (c === '"') state = !state;
  }
  return state;
}
