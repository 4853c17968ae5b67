import { renderTemplate, trackerMacroKeys, type MacroContext } from '../../shared/script';
import { promptCanary } from './guard';
import type { AiConversation } from './ports';
import { inputForAi } from './steps/executor';
import type { CompiledScript, HistoryMessage, IncomingMessage, LeadSnapshot } from './types';

/** What the AI sees at a step: script settings, the step's texts, lead facts and recent history. */
export function buildConversation(args: {
  script: CompiledScript;
  step: { title: string; goal?: string; legend?: string; instructions?: string; requirements?: string };
  lead: LeadSnapshot;
  history: HistoryMessage[];
  input: IncomingMessage[];
  render(text: string): string;
}): AiConversation {
  const { script, step, lead } = args;
  // The system prompt is the operator's: a lead's name or fields there could carry instructions
  // ("ignore previous instructions…"). Their macros become references to the quoted user data.
  const render = (text: string): string => renderTemplate(text, promptMacros(script, lead));
  return {
    canary: promptCanary,
    settings: {
      ...script.body.ai,
      globalLegend: render(script.body.ai.globalLegend),
      globalConstraints: render(script.body.ai.globalConstraints),
      responseStyle: render(script.body.ai.responseStyle),
    },
    timezone: script.body.timezone,
    step: {
      title: step.title,
      goal: render(step.goal ?? ''),
      legend: render(step.legend ?? ''),
      instructions: render(step.instructions ?? ''),
      requirements: render(step.requirements ?? ''),
    },
    lead: {
      name: [lead.profile.firstName, lead.profile.lastName].filter(Boolean).join(' '),
      firstName: lead.profile.firstName,
      lastName: lead.profile.lastName,
      username: lead.profile.username,
      tags: lead.tags,
      fields: lead.fields,
      tracker: lead.tracker,
    },
    history: args.history,
    input: inputForAi(args.input),
  };
}

/** Macro values for prompt texts: lead values as `{user.first_name}`-style references, variables as written. */
function promptMacros(script: CompiledScript, lead: LeadSnapshot): MacroContext {
  const refs = (prefix: string, keys: Iterable<string>) => Object.fromEntries([...keys].map((k) => [k, `{${prefix}.${k}}`]));
  return {
    lead: { first_name: '{user.first_name}', last_name: '{user.last_name}', username: '{user.username}' },
    fields: refs('user.fields', new Set([...script.body.fields.map((f) => f.key), ...Object.keys(lead.fields)])),
    tracker: refs('user.tracker', trackerMacroKeys),
    variables: script.variables,
  };
}
