import { setAtPath, stepRefs, type Flow, type Script, type Step, type StepType } from '../../../../../shared/script';
import { createStep, freshStepId, randomSuffix } from './stepFactory';

/** Pure edits of a script body used by the editor; each returns a new body. */

function withFlow(script: Script, flowId: string, change: (flow: Flow) => Flow): Script {
  return { ...script, flows: script.flows.map((f) => (f.id === flowId ? change(f) : f)) };
}

export function addStep(script: Script, flowId: string, type: StepType, title: string, position: { x: number; y: number }): { script: Script; stepId: string } {
  const id = freshStepId(script, type);
  const step = createStep(type, id, title, position, script);
  return { script: withFlow(script, flowId, (f) => ({ ...f, steps: [...f.steps, step] })), stepId: id };
}

/** Removes steps and clears references to them (optional links unset, required ones emptied). */
export function deleteSteps(script: Script, flowId: string, ids: readonly string[]): Script {
  const gone = new Set(ids);
  return withFlow(script, flowId, (flow) => {
    const steps = flow.steps
      .filter((s) => !gone.has(s.id))
      .map((step) => {
        const refs = stepRefs(step).filter((r) => gone.has(r.target));
        if (!refs.length) return step;
        const copy = structuredClone(step);
        for (const ref of refs) unlink(copy, ref.path);
        return copy;
      });
    const start = gone.has(flow.start) ? (steps[0]?.id ?? flow.start) : flow.start;
    return { ...flow, steps, start };
  });
}

const requiredLinks = new Set(['target', 'onSuccess']);

function unlink(step: Step, path: (string | number)[]): void {
  const last = path[path.length - 1];
  const isRequired = typeof last === 'string' && (requiredLinks.has(last) || (step.type === 'wait' && last === 'next'));
  if (isRequired) setAtPath(step, path, '');
  else {
    let node = step as unknown as Record<string | number, unknown>;
    for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
    delete node[last as string | number];
  }
}

/** Pastes copies with fresh ids; links among the copied steps follow the copies. */
export function pasteSteps(script: Script, flowId: string, steps: readonly Step[], offset = 60): { script: Script; ids: string[] } {
  const idMap = new Map<string, string>();
  let working = script;
  for (const s of steps) {
    const id = freshStepId(working, s.id);
    idMap.set(s.id, id);
    // Reserve the id so the next fresh one differs.
    working = withFlow(working, flowId, (f) => ({ ...f, steps: [...f.steps, { ...s, id } as Step] }));
  }
  const copies = steps.map((s) => {
    const copy = structuredClone(s);
    for (const ref of stepRefs(copy)) if (idMap.has(ref.target)) setAtPath(copy, ref.path, idMap.get(ref.target));
    copy.id = idMap.get(s.id) ?? copy.id;
    copy.position = { x: (s.position?.x ?? 0) + offset, y: (s.position?.y ?? 0) + offset };
    if (copy.type === 'ab_router') for (const v of copy.variants) v.id = `${v.id.replace(/_[a-z0-9]{5}$/, '')}_${randomSuffix()}`;
    if (copy.type === 'ai_reply') for (const r of copy.routes) r.id = `${r.id.replace(/_[a-z0-9]{5}$/, '')}_${randomSuffix()}`;
    if (copy.type === 'condition') for (const b of copy.branches) b.id = `${b.id.replace(/_[a-z0-9]{5}$/, '')}_${randomSuffix()}`;
    return copy;
  });
  return { script: withFlow(script, flowId, (f) => ({ ...f, steps: [...f.steps, ...copies] })), ids: copies.map((c) => c.id) };
}

export function setPositions(script: Script, flowId: string, positions: ReadonlyMap<string, { x: number; y: number }>): Script {
  return withFlow(script, flowId, (flow) => ({
    ...flow,
    steps: flow.steps.map((s) => {
      const p = positions.get(s.id);
      return p && (p.x !== s.position?.x || p.y !== s.position?.y) ? { ...s, position: { x: Math.round(p.x), y: Math.round(p.y) } } : s;
    }),
  }));
}

/** Points the output at `path` (e.g. `routes[2].target` as a path array) of a step to another step. */
export function connect(script: Script, flowId: string, stepId: string, path: (string | number)[], target: string | null): Script {
  return withFlow(script, flowId, (flow) => ({
    ...flow,
    steps: flow.steps.map((s) => {
      if (s.id !== stepId) return s;
      const copy = structuredClone(s);
      if (target === null) unlink(copy, path);
      else setAtPath(copy, path, target);
      return copy;
    }),
  }));
}

export function addFlow(script: Script, name: string): { script: Script; flowId: string } {
  const flowId = freshStepId({ ...script, flows: [] }, 'flow');
  const stepId = freshStepId(script, 'message');
  const first = createStep('message', stepId, name, { x: 0, y: 0 }, script);
  return { script: { ...script, flows: [...script.flows, { id: flowId, name, start: stepId, steps: [first] }] }, flowId };
}

export function renameFlow(script: Script, flowId: string, name: string): Script {
  return withFlow(script, flowId, (f) => ({ ...f, name }));
}

export function deleteFlow(script: Script, flowId: string): Script {
  const flows = script.flows.filter((f) => f.id !== flowId);
  return { ...script, flows, startFlow: script.startFlow === flowId ? (flows[0]?.id ?? script.startFlow) : script.startFlow };
}

export function setFlowStart(script: Script, flowId: string, stepId: string): Script {
  return withFlow(script, flowId, (f) => ({ ...f, start: stepId }));
}

/** Parses `flows[0].steps[3].routes[1].target`-style relative paths into arrays and back. */
export function pathKey(path: readonly (string | number)[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${key}` : key), '');
}

export function parsePathKey(key: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const [, name, index] of key.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(index !== undefined ? Number(index) : (name as string));
  return out;
}
