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
  const { script, step, lead, render } = args;
  return {
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
      username: lead.profile.username,
      tags: lead.tags,
      fields: lead.fields,
      tracker: lead.tracker,
    },
    history: args.history,
    input: inputForAi(args.input),
  };
}
