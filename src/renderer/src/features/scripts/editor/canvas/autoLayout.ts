import dagre from '@dagrejs/dagre';
import { stepRefs, type Flow } from '../../../../../../shared/script';

export const nodeWidth = 260;
const nodeHeight = 110;

/** Left-to-right layered layout of one flow's steps (dagre), as positions by step id. */
export function autoLayout(flow: Flow): Map<string, { x: number; y: number }> {
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: 'LR', nodesep: 40, ranksep: 90, marginx: 20, marginy: 20 });
  graph.setDefaultEdgeLabel(() => ({}));
  const ids = new Set(flow.steps.map((s) => s.id));
  for (const step of flow.steps) graph.setNode(step.id, { width: nodeWidth, height: nodeHeight + outputsHeight(step) });
  for (const step of flow.steps)
    for (const ref of stepRefs(step)) if (ids.has(ref.target) && ref.target !== step.id) graph.setEdge(step.id, ref.target);
  dagre.layout(graph);
  const out = new Map<string, { x: number; y: number }>();
  for (const step of flow.steps) {
    const node = graph.node(step.id);
    if (node) out.set(step.id, { x: node.x - node.width / 2, y: node.y - node.height / 2 });
  }
  return out;
}

function outputsHeight(step: Flow['steps'][number]): number {
  return stepRefs(step).length * 22;
}
