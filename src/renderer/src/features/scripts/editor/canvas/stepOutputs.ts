import type { TFunction } from 'i18next';
import type { Step } from '../../../../../../shared/script';
import { pathKey } from '../editorOps';

export type OutputKind = 'next' | 'ab' | 'route' | 'branch' | 'else' | 'timeout' | 'wake' | 'fail';

export interface StepOutput {
  path: (string | number)[];
  /** Handle id: the path as text, e.g. `routes[1].target`. */
  key: string;
  label: string;
  kind: OutputKind;
  target: string | undefined;
}

/** Every outgoing link a step can have (connected or not), in display order. */
export function stepOutputs(step: Step, t: TFunction): StepOutput[] {
  const out: StepOutput[] = [];
  const add = (path: (string | number)[], label: string, kind: OutputKind, target: string | undefined): void => {
    out.push({ path, key: pathKey(path), label, kind, target: target || undefined });
  };
  switch (step.type) {
    case 'message':
      add(['next'], step.waitForReply ? t('edges.afterReply') : t('edges.next'), 'next', step.next);
      break;
    case 'tag':
    case 'set_field':
      add(['next'], t('edges.next'), 'next', step.next);
      break;
    case 'ab_router':
      (step.variants ?? []).forEach((v, i) => add(['variants', i, 'target'], `${v.title || v.id} · ${v.weight}%`, 'ab', v.target));
      break;
    case 'ai_reply':
      (step.routes ?? []).forEach((r, i) => add(['routes', i, 'target'], r.title || r.id, 'route', r.target));
      if (!step.endless && !(step.routes ?? []).length) add(['next'], t('edges.requirementsMet'), 'next', step.next);
      break;
    case 'condition':
      (step.branches ?? []).forEach((b, i) => add(['branches', i, 'target'], b.title || t('edges.branch', { n: i + 1 }), 'branch', b.target));
      add(['else'], t('edges.else'), 'else', step.else);
      break;
    case 'wait':
      add(['next'], t('edges.next'), 'next', step.next);
      if (step.onMessage === 'wake') add(['wakeTarget'], t('edges.onReply'), 'wake', step.wakeTarget);
      if (step.until?.kind === 'event') add(['until', 'timeoutTarget'], t('edges.timeout'), 'timeout', step.until.timeoutTarget);
      break;
    case 'image_check':
      add(['onSuccess'], t('edges.recognised'), 'next', step.onSuccess);
      add(['onNotRecognised'], t('edges.notRecognised'), 'fail', step.onNotRecognised);
      add(['onNoImage'], t('edges.noImage'), 'fail', step.onNoImage);
      break;
    case 'webhook':
      add(['next'], t('edges.next'), 'next', step.next);
      add(['onError'], t('edges.error'), 'fail', step.onError);
      break;
    case 'goto':
      add(['target'], t('edges.goto'), 'next', step.target);
      break;
    case 'change_flow':
    case 'manual':
    case 'end':
    // A note annotates the canvas; it is not a step of any path, so it has no outputs (issue 15).
    case 'note':
      break;
  }
  return out;
}

export const edgeColors: Record<OutputKind, string> = {
  next: 'var(--mantine-color-gray-6)',
  ab: 'var(--mantine-color-orange-6)',
  route: 'var(--mantine-color-violet-6)',
  branch: 'var(--mantine-color-yellow-7)',
  else: 'var(--mantine-color-gray-5)',
  timeout: 'var(--mantine-color-cyan-6)',
  wake: 'var(--mantine-color-cyan-6)',
  fail: 'var(--mantine-color-red-5)',
};
