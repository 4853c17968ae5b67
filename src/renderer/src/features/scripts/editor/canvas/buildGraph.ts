import type { Edge } from '@xyflow/react';
import type { TFunction } from 'i18next';
import type { Flow, Script, Step } from '../../../../../../shared/script';
import type { StepFlowNode, StepNodeData } from './StepNode';
import { edgeColors, stepOutputs } from './stepOutputs';
import { stepSummary } from './stepSummary';

interface CacheEntry {
  data: StepNodeData;
  isStart: boolean;
  problemCount: number;
  flowName: string | undefined;
  t: TFunction;
  current: boolean;
}

/**
 * Node data per step object: an unchanged step keeps its data object, so its memoized node does not
 * re-render while another step is edited.
 */
const cache = new WeakMap<Step, CacheEntry>();

export function nodeData(
  step: Step,
  script: Script,
  flow: Flow,
  problemCount: number,
  t: TFunction,
  onFollowLink: StepNodeData['onFollowLink'],
  current = false,
): StepNodeData {
  const isStart = flow.start === step.id;
  const target = step.type === 'change_flow' ? script.flows.find((f) => f.id === step.flow) : undefined;
  const cached = cache.get(step);
  if (cached && cached.isStart === isStart && cached.problemCount === problemCount && cached.flowName === target?.name && cached.t === t && cached.current === current)
    return cached.data;
  const data: StepNodeData = {
    step,
    isStart,
    problemCount,
    summary: stepSummary(step, t),
    outputs: stepOutputs(step, t),
    flowLink: step.type === 'change_flow' ? { flowId: step.flow, name: target?.name ?? step.flow, stepId: step.step } : null,
    onFollowLink,
    current,
  };
  cache.set(step, { data, isStart, problemCount, flowName: target?.name, t, current });
  return data;
}

export function buildNodes(
  script: Script,
  flow: Flow,
  problemCounts: ReadonlyMap<string, number>,
  t: TFunction,
  onFollowLink: StepNodeData['onFollowLink'],
  /** The emulated lead's step, highlighted. */
  currentStepId: string | null = null,
): StepFlowNode[] {
  return flow.steps.map((step) => ({
    id: step.id,
    type: 'step',
    position: step.position ?? { x: 0, y: 0 },
    data: nodeData(step, script, flow, problemCounts.get(step.id) ?? 0, t, onFollowLink, step.id === currentStepId),
  }));
}

/** Short edge labels: the weight for A/B, the (clipped) title otherwise; the node shows the rest. */
function edgeLabel(output: StepFlowNode['data']['outputs'][number]): string {
  if (output.kind === 'ab') return output.label.slice(output.label.lastIndexOf('·') + 1).trim();
  return output.label.length > 26 ? `${output.label.slice(0, 25)}…` : output.label;
}

export function buildEdges(flow: Flow, nodes: readonly StepFlowNode[], selectedEdges: ReadonlySet<string>): Edge[] {
  const ids = new Set(flow.steps.map((s) => s.id));
  const edges: Edge[] = [];
  for (const node of nodes) {
    for (const output of node.data.outputs) {
      if (!output.target || !ids.has(output.target)) continue;
      const id = `${node.id}::${output.key}`;
      const labelled = output.kind !== 'next';
      edges.push({
        id,
        source: node.id,
        sourceHandle: output.key,
        target: output.target,
        label: labelled ? edgeLabel(output) : undefined,
        selected: selectedEdges.has(id),
        style: { stroke: edgeColors[output.kind], strokeWidth: selectedEdges.has(id) ? 3 : 1.6 },
        labelStyle: { fontSize: 11 },
        labelBgPadding: [4, 2],
        labelBgBorderRadius: 4,
        animated: output.kind === 'route',
      });
    }
  }
  return edges;
}
