import { msg, type AppMessage } from '../appMessage';

/** Everything a template can read, resolved for one lead at run time. */
export interface MacroContext {
  lead: { first_name?: string | null; last_name?: string | null; username?: string | null };
  fields: Record<string, string | number | null | undefined>;
  tracker: Record<string, string | number | null | undefined>;
  variables: Record<string, string>;
}

/** What a script declares, for checking macros before the script runs. */
export interface MacroDeclarations {
  fields: ReadonlySet<string>;
  variables: ReadonlySet<string>;
}

const leadMacroKeys = ['first_name', 'last_name', 'username', 'full_name'] as const;
export const trackerMacroKeys = [
  'clickid', 'sub1', 'sub2', 'sub3', 'sub4', 'sub5', 'campaign', 'campaign_id', 'offer', 'source',
  'creative', 'landing', 'utm_source', 'utm_medium', 'utm_campaign', 'utm_content', 'utm_term',
  'payout', 'currency', 'transaction_id',
] as const;

const anyMacro = /\{\{([^{}]*)\}\}/g;
const wellFormed = /^\s*(lead|fields|tracker|variables)\.([A-Za-z_][A-Za-z0-9_]*)\s*$/;

export interface MacroProblem extends AppMessage {
  macro: string;
}

/** Lists every macro in `text` that would not resolve: malformed, unknown namespace or undeclared key. */
export function macroProblems(text: string, declared: MacroDeclarations, allowVariables = true): MacroProblem[] {
  const problems: MacroProblem[] = [];
  for (const [raw, inner = ''] of text.matchAll(anyMacro)) {
    const match = wellFormed.exec(inner);
    if (!match) {
      problems.push({ macro: raw, ...msg('macroUnknown', { macro: raw }) });
      continue;
    }
    const [, namespace, key = ''] = match;
    if (namespace === 'lead' && !(leadMacroKeys as readonly string[]).includes(key))
      problems.push({ macro: raw, ...msg('macroLeadKey', { key, known: leadMacroKeys.join(', ') }) });
    if (namespace === 'fields' && !declared.fields.has(key))
      problems.push({ macro: raw, ...msg('fieldUndeclared', { key }) });
    if (namespace === 'tracker' && !(trackerMacroKeys as readonly string[]).includes(key))
      problems.push({ macro: raw, ...msg('macroTrackerKey', { key, known: trackerMacroKeys.join(', ') }) });
    if (namespace === 'variables' && !allowVariables)
      problems.push({ macro: raw, ...msg('macroVariableNested') });
    else if (namespace === 'variables' && !declared.variables.has(key))
      problems.push({ macro: raw, ...msg('macroVariableUndeclared', { key }) });
  }
  return problems;
}

/**
 * Fills macros in. Keys are checked at validation time, so an empty result here only means the lead
 * has no value yet (e.g. no click id), never a typo.
 */
export function renderTemplate(text: string, ctx: MacroContext, encode: (value: string) => string = (v) => v): string {
  if (!text.includes('{{')) return text;
  return text.replace(anyMacro, (raw, inner: string) => {
    const match = wellFormed.exec(inner);
    if (!match) return raw;
    const [, namespace, key = ''] = match;
    switch (namespace) {
      case 'lead':
        if (key === 'full_name') return encode([ctx.lead.first_name, ctx.lead.last_name].filter(Boolean).join(' '));
        return encode(String(ctx.lead[key as 'first_name'] ?? ''));
      case 'fields':
        return encode(String(ctx.fields[key] ?? ''));
      case 'tracker':
        return encode(String(ctx.tracker[key] ?? ''));
      case 'variables':
        // A variable's text is the operator's own (e.g. a tracker's base URL) and lands as written;
        // the lead values inside it are still encoded.
        return renderTemplate(ctx.variables[key] ?? '', { ...ctx, variables: {} }, encode);
      default:
        return raw;
    }
  });
}
