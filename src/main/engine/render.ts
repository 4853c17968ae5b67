import { renderTemplate } from '../../shared/script';
import type { CompiledScript, LeadSnapshot } from './types';

/** Fills a script text's macros for one lead. */
export function renderForLead(text: string, lead: LeadSnapshot, script: CompiledScript): string {
  return renderTemplate(text, {
    lead: { first_name: lead.profile.firstName, last_name: lead.profile.lastName, username: lead.profile.username },
    fields: lead.fields,
    tracker: lead.tracker,
    variables: script.variables,
  });
}
