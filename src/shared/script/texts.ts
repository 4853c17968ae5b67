import type { Script } from './script';

export interface TemplateText {
  path: (string | number)[];
  text: string;
  /** Variables may use lead/fields/tracker macros but not other variables. */
  allowVariables: boolean;
}

/** Every text in a script that may hold macros, with its JSON path. */
export function templateTexts(script: Script): TemplateText[] {
  const out: TemplateText[] = [];
  const add = (path: (string | number)[], text: string | undefined, allowVariables = true): void => {
    if (text) out.push({ path, text, allowVariables });
  };
  for (const key of ['globalLegend', 'globalConstraints', 'responseStyle'] as const) add(['ai', key], script.ai[key]);
  script.variables.forEach((v, i) => add(['variables', i, 'value'], v.value, false));
  script.autoActions.forEach((rule, ri) =>
    rule.actions.forEach((a, i) => {
      if (a.type === 'set_field') add(['autoActions', ri, 'actions', i, 'value'], a.value);
      if (a.type === 'send_postback') add(['autoActions', ri, 'actions', i, 'url'], a.url);
    }),
  );
  script.flows.forEach((flow, fi) =>
    flow.steps.forEach((step, si) => {
      const at = ['flows', fi, 'steps', si];
      switch (step.type) {
        case 'message':
          step.messages.forEach((m, i) => add([...at, 'messages', i, 'text'], m.text));
          step.pushes.forEach((p, i) => add([...at, 'pushes', i, 'text'], p.text));
          break;
        case 'ai_reply':
          if (step.opening.mode === 'fixed') add([...at, 'opening', 'text'], step.opening.text);
          if (step.opening.mode === 'generated') add([...at, 'opening', 'instructions'], step.opening.instructions);
          for (const key of ['goal', 'requirements', 'legend', 'instructions', 'fallbackText'] as const) add([...at, key], step[key]);
          step.pushes.forEach((p, i) => add([...at, 'pushes', i, 'text'], p.text));
          break;
        case 'set_field':
          step.assignments.forEach((a, i) => add([...at, 'assignments', i, 'value'], a.value));
          break;
        case 'image_check':
          for (const key of ['prompt', 'notRecognisedText', 'noImageText'] as const) add([...at, key], step[key]);
          break;
        case 'webhook':
          add([...at, 'url'], step.url);
          add([...at, 'body'], step.body);
          for (const [name, value] of Object.entries(step.headers)) add([...at, 'headers', name], value);
          break;
        default:
          break;
      }
    }),
  );
  return out;
}
