import { useDeferredValue, useMemo } from 'react';
import { validateScript, type Script, type ScriptProblem } from '../../../../../shared/script';
import { useEditor } from './editorStore';

export interface LocatedProblem extends ScriptProblem {
  severity: 'error' | 'warning';
  flowId?: string;
  stepId?: string;
  /** The path inside the step (`messages[0].text`), '' for the step itself. */
  field: string;
}

const stepPath = /^flows\[(\d+)\]\.steps\[(\d+)\](.*)$/;
const flowPath = /^flows\[(\d+)\](.*)$/;

export function locateProblems(script: Script, problems: readonly ScriptProblem[], severity: LocatedProblem['severity']): LocatedProblem[] {
  return problems.map((problem) => {
    const stepMatch = stepPath.exec(problem.path);
    if (stepMatch) {
      const flow = script.flows[Number(stepMatch[1])];
      const step = flow?.steps?.[Number(stepMatch[2])];
      const rest = (stepMatch[3] ?? '').replace(/^\./, '');
      return { ...problem, severity, flowId: flow?.id, stepId: step?.id, field: rest };
    }
    const flowMatch = flowPath.exec(problem.path);
    const flow = flowMatch ? script.flows[Number(flowMatch[1])] : undefined;
    return { ...problem, severity, flowId: flow?.id, field: '' };
  });
}

export interface Validation {
  errors: LocatedProblem[];
  warnings: LocatedProblem[];
  /** Errors per step id, for node badges and inline field messages. */
  byStep: Map<string, LocatedProblem[]>;
}

const empty: Validation = { errors: [], warnings: [], byStep: new Map() };

/** Validates the whole draft (deferred, so typing never waits for it) and maps problems to steps. */
export function useValidation(): Validation {
  const body = useEditor((s) => s.body);
  const deferred = useDeferredValue(body);
  return useMemo(() => {
    if (!deferred) return empty;
    const result = validateScript(deferred);
    const errors = result.ok ? [] : locateProblems(deferred, result.problems, 'error');
    const warnings = result.ok ? locateProblems(deferred, result.warnings, 'warning') : [];
    const byStep = new Map<string, LocatedProblem[]>();
    for (const p of errors) if (p.stepId) byStep.set(p.stepId, [...(byStep.get(p.stepId) ?? []), p]);
    return { errors, warnings, byStep };
  }, [deferred]);
}

/** Messages for a field: its own problems and those of anything inside it. */
export function fieldProblems(problems: readonly LocatedProblem[] | undefined, field: string): LocatedProblem[] {
  if (!problems) return [];
  return problems.filter((p) => p.field === field || p.field.startsWith(`${field}.`) || p.field.startsWith(`${field}[`));
}
