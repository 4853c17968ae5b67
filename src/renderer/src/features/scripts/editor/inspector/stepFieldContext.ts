import { createContext, useCallback, useContext } from 'react';
import { useTranslation } from 'react-i18next';
import type { Step } from '../../../../../../shared/script';
import { pathKey } from '../editorOps';
import { useEditor } from '../editorStore';
import { fieldProblems, type LocatedProblem } from '../problems';
import { messageText } from '../../../../lib/messageText';

export type Path = (string | number)[];

export interface StepFormContextValue {
  step: Step;
  flowId: string;
  problems: LocatedProblem[] | undefined;
}

export const StepFormContext = createContext<StepFormContextValue | null>(null);

export function useStepForm(): StepFormContextValue {
  const ctx = useContext(StepFormContext);
  if (!ctx) throw new Error('Step form fields must be inside a StepFormContext');
  return ctx;
}

export function getAtPath(target: unknown, path: Path): unknown {
  let node = target;
  for (const key of path) {
    if (node == null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

/** Writes `value` at `path`, creating objects on the way; `undefined` deletes the key. */
export function writeAtPath(target: unknown, path: Path, value: unknown): void {
  let node = target as Record<string | number, unknown>;
  path.slice(0, -1).forEach((key, i) => {
    if (node[key] == null || typeof node[key] !== 'object') node[key] = typeof path[i + 1] === 'number' ? [] : {};
    node = node[key] as Record<string | number, unknown>;
  });
  const last = path[path.length - 1] as string | number;
  if (value === undefined && !Array.isArray(node)) delete node[last];
  else node[last] = value;
}

/** Value, setter and translated validation message of one field of the selected step. */
export function useStepField<T>(path: Path): { value: T | undefined; set(value: T | undefined): void; error: string | undefined } {
  const { t } = useTranslation();
  const { step, flowId, problems } = useStepForm();
  const updateStep = useEditor((s) => s.updateStep);
  const key = pathKey(path);
  const set = useCallback(
    (value: T | undefined) => updateStep(flowId, step.id, (draft) => writeAtPath(draft, path, value), `${step.id}:${key}`),
    // path is described by key
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [updateStep, flowId, step.id, key],
  );
  const messages = fieldProblems(problems, key);
  return {
    value: getAtPath(step, path) as T | undefined,
    set,
    error: messages.length ? messages.map((m) => messageText(t, m)).join(' · ') : undefined,
  };
}
