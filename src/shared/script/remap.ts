import { setAtPath, stepRefs } from './refs';
import type { Script } from './script';

const suffix = /_[a-z0-9]{5}$/;

/** Random id suffix source; injectable so tests are deterministic. */
export type RandomSuffix = () => string;

const defaultSuffix: RandomSuffix = () => Math.random().toString(36).slice(2, 7).padEnd(5, '0');

/**
 * Gives every flow, step, route, variant, branch and auto action a fresh id and rewrites every
 * reference to match, so importing the same script twice yields two scripts with disjoint ids and
 * no dangling reference. Ids keep their readable stem: `greeting` → `greeting_k3j9x`.
 * Expects a validated script (every reference resolves).
 */
export function remapScriptIds(script: Script, random: RandomSuffix = defaultSuffix): Script {
  const copy = structuredClone(script);
  const used = new Set<string>();
  const fresh = (old: string): string => {
    let id: string;
    do id = `${old.replace(suffix, '').slice(0, 56)}_${random()}`;
    while (used.has(id));
    used.add(id);
    return id;
  };
  const flowMap = new Map(copy.flows.map((f) => [f.id, fresh(f.id)]));
  const stepMap = new Map(copy.flows.flatMap((f) => f.steps.map((s) => [s.id, fresh(s.id)] as const)));
  const flowId = (id: string): string => flowMap.get(id) ?? id;
  const stepId = (id: string): string => stepMap.get(id) ?? id;

  copy.startFlow = flowId(copy.startFlow);
  for (const flow of copy.flows) {
    flow.id = flowId(flow.id);
    flow.start = stepId(flow.start);
    for (const step of flow.steps) {
      for (const ref of stepRefs(step)) setAtPath(step, ref.path, stepId(ref.target));
      step.id = stepId(step.id);
      if (step.type === 'change_flow') {
        step.flow = flowId(step.flow);
        if (step.step) step.step = stepId(step.step);
      }
      if (step.type === 'ab_router') for (const v of step.variants) v.id = fresh(v.id);
      if (step.type === 'ai_reply') for (const r of step.routes) r.id = fresh(r.id);
      if (step.type === 'condition') for (const b of step.branches) b.id = fresh(b.id);
    }
  }
  for (const rule of copy.autoActions) {
    rule.id = fresh(rule.id);
    for (const action of rule.actions) {
      if (action.type !== 'goto') continue;
      action.flow = flowId(action.flow);
      if (action.step) action.step = stepId(action.step);
    }
  }
  return copy;
}
