import type { Step } from './steps';

/** One reference from a step to another step of the same flow, with its JSON path inside the step. */
export interface StepRef {
  path: (string | number)[];
  target: string;
}

/**
 * Every same-flow step reference a step holds. One exhaustive switch, used by validation (no
 * dangling target) and by import (re-mapping ids), so a new reference field cannot be missed by one.
 */
export function stepRefs(step: Step): StepRef[] {
  const refs: StepRef[] = [];
  const add = (target: string | undefined, ...path: (string | number)[]): void => {
    if (target !== undefined) refs.push({ path, target });
  };
  switch (step.type) {
    case 'message':
    case 'tag':
    case 'set_field':
    case 'note':
      add(step.next, 'next');
      break;
    case 'ab_router':
      step.variants.forEach((v, i) => add(v.target, 'variants', i, 'target'));
      break;
    case 'change_flow':
      break; // cross-flow: see crossFlowRef
    case 'ai_reply':
      add(step.next, 'next');
      step.routes.forEach((r, i) => add(r.target, 'routes', i, 'target'));
      break;
    case 'condition':
      step.branches.forEach((b, i) => add(b.target, 'branches', i, 'target'));
      add(step.else, 'else');
      break;
    case 'wait':
      add(step.next, 'next');
      add(step.wakeTarget, 'wakeTarget');
      if (step.until.kind === 'event') add(step.until.timeoutTarget, 'until', 'timeoutTarget');
      break;
    case 'image_check':
      add(step.onSuccess, 'onSuccess');
      add(step.onNotRecognised, 'onNotRecognised');
      add(step.onNoImage, 'onNoImage');
      break;
    case 'webhook':
      add(step.next, 'next');
      add(step.onError, 'onError');
      break;
    case 'goto':
      add(step.target, 'target');
      break;
    case 'manual':
    case 'end':
      break;
    default:
      return assertNever(step);
  }
  return refs;
}

/** Writes `value` at `path` inside a (cloned) step. */
export function setAtPath(target: unknown, path: (string | number)[], value: unknown): void {
  let node = target as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1] as string | number] = value;
}

function assertNever(value: never): never {
  throw new Error(`Unhandled variant: ${JSON.stringify(value)}`);
}
