import { renderTemplate, type MacroContext } from '../../shared/script';
import type { CompiledScript, LeadSnapshot } from './types';

/** What a script's macros read for one lead. */
export function macroContextForLead(lead: LeadSnapshot, script: CompiledScript): MacroContext {
  return {
    lead: { first_name: lead.profile.firstName, last_name: lead.profile.lastName, username: lead.profile.username },
    fields: lead.fields,
    tracker: lead.tracker,
    variables: script.variables,
  };
}

/** Fills a script text's macros for one lead. */
export function renderForLead(text: string, lead: LeadSnapshot, script: CompiledScript): string {
  return renderTemplate(text, macroContextForLead(lead, script));
}
