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
  const centres = new Map<string, { x: number; y: number; h: number }>();
  for (const step of flow.steps) {
    const node = graph.node(step.id);
    if (node) centres.set(step.id, { x: node.x, y: node.y, h: node.height });
  }
  keepOutputOrder(flow, centres);
  const out = new Map<string, { x: number; y: number }>();
  for (const [id, c] of centres) out.set(id, { x: c.x - nodeWidth / 2, y: c.y - c.h / 2 });
  return out;
}

/**
 * Dagre orders a rank to cross fewer edges, which can put variant B above variant A. Siblings of one
 * rank are put back in their outputs' order (A, B, C top to bottom) by swapping their rows; each
 * moves with the steps only it leads to, so its branch stays beside it.
 */
function keepOutputOrder(flow: Flow, centres: Map<string, { x: number; y: number; h: number }>): void {
  const children = new Map(flow.steps.map((s) => [s.id, [...new Set(stepRefs(s).map((r) => r.target))].filter((t) => t !== s.id && centres.has(t))]));
  // Forward descendants only (to the right), so loops back to earlier steps do not drag them along.
  const reach = (from: string): Set<string> => {
    const seen = new Set<string>([from]);
    const queue = [from];
    while (queue.length) {
      const id = queue.shift() as string;
      for (const next of children.get(id) ?? [])
        if (!seen.has(next) && (centres.get(next)?.x ?? 0) > (centres.get(id)?.x ?? 0)) {
          seen.add(next);
          queue.push(next);
        }
    }
    return seen;
  };
  for (const step of flow.steps) {
    const kids = children.get(step.id) ?? [];
    const byRank = new Map<number, string[]>();
    for (const kid of kids) byRank.set(centres.get(kid)!.x, [...(byRank.get(centres.get(kid)!.x) ?? []), kid]);
    for (const rank of byRank.values()) {
      if (rank.length < 2) continue;
      const slots = rank.map((k) => centres.get(k)!.y).sort((a, b) => a - b);
      const reached = rank.map(reach);
      rank.forEach((kid, i) => {
        const delta = (slots[i] as number) - centres.get(kid)!.y;
        if (!delta) return;
        // The kid's own branch: what it reaches and no sibling does.
        const own = [...(reached[i] as Set<string>)].filter((id) => reached.every((r, j) => j === i || !r.has(id)));
        for (const id of own) centres.get(id)!.y += delta;
      });
    }
  }
}

function outputsHeight(step: Flow['steps'][number]): number {
  return stepRefs(step).length * 22;
}
