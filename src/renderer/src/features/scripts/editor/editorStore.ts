import { create } from 'zustand';
import type { Script, Step } from '../../../../../shared/script';

const historyLimit = 200;
/** Keystrokes in the same field within this window are one undo step. */
const coalesceMs = 1_200;

export interface EditorState {
  scriptId: number | null;
  revision: number;
  body: Script | null;
  /** Bumped on every change; autosave compares it with `savedVersion`. */
  version: number;
  savedVersion: number;
  past: Script[];
  future: Script[];
  coalesceKey: string | null;
  coalesceAt: number;
  flowId: string | null;
  selected: string[];
  clipboard: Step[] | null;
  /** A request to centre the canvas on a step (search, problems panel). */
  focus: { stepId: string; nonce: number } | null;
  load(scriptId: number, revision: number, body: Script): void;
  /** Replaces the body as one undoable change. Same `coalesceKey` in quick succession merges. */
  commit(next: Script, coalesceKey?: string): void;
  /** Changes one step, keeping every other step object (so memoized canvas nodes stay put). */
  updateStep(flowId: string, stepId: string, recipe: (step: Step) => void, coalesceKey?: string): void;
  undo(): void;
  redo(): void;
  setFlow(flowId: string): void;
  select(stepIds: string[]): void;
  setClipboard(steps: Step[]): void;
  focusStep(flowId: string, stepId: string): void;
  markSaved(version: number): void;
  setRevision(revision: number): void;
}

export const useEditor = create<EditorState>((set, get) => ({
  scriptId: null,
  revision: 0,
  body: null,
  version: 0,
  savedVersion: 0,
  past: [],
  future: [],
  coalesceKey: null,
  coalesceAt: 0,
  flowId: null,
  selected: [],
  clipboard: null,
  focus: null,
  load: (scriptId, revision, body) =>
    set({
      scriptId,
      revision,
      body,
      version: 0,
      savedVersion: 0,
      past: [],
      future: [],
      coalesceKey: null,
      flowId: body.flows.some((f) => f.id === body.startFlow) ? body.startFlow : (body.flows[0]?.id ?? null),
      selected: [],
    }),
  commit: (next, coalesceKey) => {
    const { body, past, coalesceKey: lastKey, coalesceAt, version } = get();
    if (!body || next === body) return;
    const now = Date.now();
    const merge = coalesceKey !== undefined && coalesceKey === lastKey && now - coalesceAt < coalesceMs;
    set({
      body: next,
      past: merge ? past : [...past.slice(-historyLimit + 1), body],
      future: [],
      coalesceKey: coalesceKey ?? null,
      coalesceAt: now,
      version: version + 1,
    });
  },
  updateStep: (flowId, stepId, recipe, coalesceKey) => {
    const { body } = get();
    if (!body) return;
    const next: Script = {
      ...body,
      flows: body.flows.map((flow) =>
        flow.id !== flowId
          ? flow
          : {
              ...flow,
              steps: flow.steps.map((step) => {
                if (step.id !== stepId) return step;
                const copy = structuredClone(step);
                recipe(copy);
                return copy;
              }),
            },
      ),
    };
    get().commit(next, coalesceKey ?? `${stepId}`);
  },
  undo: () => {
    const { past, body, future, version } = get();
    const previous = past[past.length - 1];
    if (!previous || !body) return;
    set({ body: previous, past: past.slice(0, -1), future: [body, ...future], coalesceKey: null, version: version + 1 });
    keepFlowValid(set, get);
  },
  redo: () => {
    const { past, body, future, version } = get();
    const next = future[0];
    if (!next || !body) return;
    set({ body: next, past: [...past, body], future: future.slice(1), coalesceKey: null, version: version + 1 });
    keepFlowValid(set, get);
  },
  setFlow: (flowId) => set({ flowId, selected: [] }),
  select: (stepIds) => {
    const current = get().selected;
    if (current.length === stepIds.length && current.every((id, i) => id === stepIds[i])) return;
    set({ selected: stepIds });
  },
  setClipboard: (steps) => set({ clipboard: steps }),
  focusStep: (flowId, stepId) => set({ flowId, selected: [stepId], focus: { stepId, nonce: (get().focus?.nonce ?? 0) + 1 } }),
  markSaved: (version) => set({ savedVersion: version }),
  setRevision: (revision) => set({ revision }),
}));

/** Undo can remove the flow that is open; fall back to the first one. */
function keepFlowValid(set: (partial: Partial<EditorState>) => void, get: () => EditorState): void {
  const { body, flowId } = get();
  if (body && !body.flows.some((f) => f.id === flowId)) set({ flowId: body.flows[0]?.id ?? null, selected: [] });
}

/** The open flow, or undefined while nothing is loaded. */
export function useCurrentFlow() {
  return useEditor((s) => s.body?.flows.find((f) => f.id === s.flowId));
}
