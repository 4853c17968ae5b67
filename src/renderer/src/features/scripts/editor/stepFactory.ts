import type { Script, Step, StepType } from '../../../../../shared/script';

export function randomSuffix(): string {
  return Math.random().toString(36).slice(2, 7).padEnd(5, '0');
}

export function freshStepId(script: Script, stem: string): string {
  const used = new Set(script.flows.flatMap((f) => f.steps.map((s) => s.id)));
  let id: string;
  do id = `${stem.replace(/_[a-z0-9]{5}$/, '').slice(0, 56)}_${randomSuffix()}`;
  while (used.has(id));
  return id;
}

/**
 * A new step of `type` with the schema's defaults. Required references are left empty on purpose:
 * the problems panel then says what to connect.
 */
export function createStep(type: StepType, id: string, title: string, position: { x: number; y: number }, script: Script): Step {
  const base = { id, title, position };
  switch (type) {
    case 'message':
      return { ...base, type, messages: [{ text: '' }], splitLines: false, waitForReply: false, pushes: [] };
    case 'ab_router':
      return {
        ...base,
        type,
        mode: 'fixed',
        variants: [
          { id: `a_${randomSuffix()}`, title: 'A', weight: 50, target: '' },
          { id: `b_${randomSuffix()}`, title: 'B', weight: 50, target: '' },
        ],
      };
    case 'change_flow':
      return { ...base, type, flow: script.flows[0]?.id ?? '' };
    case 'ai_reply':
      return {
        ...base,
        type,
        opening: { mode: 'none' },
        goal: '',
        requirements: '',
        legend: '',
        instructions: '',
        routes: [],
        endless: true,
        skipOnFirstRun: false,
        splitLines: false,
        onAiFailure: 'manual',
        pushes: [],
      };
    case 'condition':
      return {
        ...base,
        type,
        branches: [{ id: `if_${randomSuffix()}`, title: '', match: 'all', rules: [{ kind: 'tag', op: 'has', tag: script.tags[0]?.name ?? '' }], target: '' }],
      };
    case 'wait':
      return { ...base, type, until: { kind: 'duration', duration: '1h' }, onMessage: 'queue', next: '' };
    case 'tag':
      return { ...base, type, add: [], remove: [] };
    case 'set_field':
      return { ...base, type, assignments: [{ key: script.fields[0]?.key ?? '', value: '' }] };
    case 'image_check':
      return { ...base, type, tasks: [{ field: script.fields[0]?.key ?? '', instruction: '' }], maxAttempts: 3, onSuccess: '' };
    case 'manual':
      return { ...base, type, reason: '' };
    case 'webhook':
      return { ...base, type, method: 'POST', url: 'https://', headers: {}, secretHeaders: [], retries: 2, timeout: '10s', followRedirects: false, saveResponse: [] };
    case 'goto':
      return { ...base, type, target: '' };
    case 'end':
      return { ...base, type };
    case 'note':
      return { ...base, type, text: '' };
  }
}
