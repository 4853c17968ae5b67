import type { Script, Step } from '../../shared/script';
import type { CompiledScript } from '../engine/types';

/** Builds the lookups the engine needs once per script revision. */
export function compileScript(id: number, revision: number, body: Script): CompiledScript {
  const stepById = new Map<string, { step: Step; flowId: string }>();
  for (const flow of body.flows) for (const step of flow.steps) stepById.set(step.id, { step, flowId: flow.id });
  return {
    id,
    revision,
    body,
    stepById,
    flowById: new Map(body.flows.map((f) => [f.id, f])),
    variables: Object.fromEntries(body.variables.map((v) => [v.name, v.value])),
  };
}
