import {
  applyNodeChanges,
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type Connection,
  type Edge,
  type EdgeChange,
  type NodeChange,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { connect, deleteSteps, parsePathKey, setPositions } from '../editorOps';
import { useCurrentFlow, useEditor } from '../editorStore';
import type { Validation } from '../problems';
import { stepMeta } from '../stepMeta';
import { buildEdges, buildNodes } from './buildGraph';
import { CanvasToolbar } from './CanvasToolbar';
import { useEmulatorTrace } from '../emulator/emulatorTrace';
import { StepNode, type StepFlowNode } from './StepNode';

const nodeTypes = { step: StepNode };

function followLink(flowId: string, stepId?: string): void {
  const state = useEditor.getState();
  const flow = state.body?.flows.find((f) => f.id === flowId);
  if (flow) state.focusStep(flowId, stepId ?? flow.start);
}

/** The canvas of the open flow: drag steps, connect outputs, delete with the Delete key. */
export function FlowCanvas({ validation }: { validation: Validation }) {
  const { t } = useTranslation();
  const body = useEditor((s) => s.body);
  const flow = useCurrentFlow();
  const selected = useEditor((s) => s.selected);
  const focus = useEditor((s) => s.focus);
  const { setCenter } = useReactFlow();
  const leadAt = useEmulatorTrace((s) => s.at);
  const currentStepId = leadAt && flow && leadAt.flowId === flow.id ? leadAt.stepId : null;

  const problemCounts = useMemo(() => new Map([...validation.byStep].map(([id, list]) => [id, list.length])), [validation]);
  const built = useMemo(
    () => (body && flow ? buildNodes(body, flow, problemCounts, t, followLink, currentStepId) : []),
    [body, flow, problemCounts, t, currentStepId],
  );

  // Local copy so drags and measured sizes apply without touching the script until the drop.
  const [nodes, setNodes] = useState<StepFlowNode[]>([]);
  const [source, setSource] = useState<{ built: StepFlowNode[] | null; selected: string[] | null }>({ built: null, selected: null });
  if (source.built !== built || source.selected !== selected) {
    const chosen = new Set(selected);
    const previous = new Map(nodes.map((n) => [n.id, n]));
    setSource({ built, selected });
    setNodes(built.map((n) => ({ ...n, selected: chosen.has(n.id), measured: previous.get(n.id)?.measured })));
  }

  const [selectedEdges, setSelectedEdges] = useState<ReadonlySet<string>>(new Set());
  const edges = useMemo(() => (flow ? buildEdges(flow, built, selectedEdges) : []), [flow, built, selectedEdges]);

  useEffect(() => {
    if (!focus) return;
    const timer = setTimeout(() => {
      const step = useEditor.getState().body?.flows.flatMap((f) => f.steps).find((s) => s.id === focus.stepId);
      if (step) void setCenter((step.position?.x ?? 0) + 130, (step.position?.y ?? 0) + 60, { zoom: 1, duration: 300 });
    }, 60);
    return () => clearTimeout(timer);
  }, [focus, setCenter]);

  const onNodesChange = useCallback((changes: NodeChange<StepFlowNode>[]) => {
    setNodes((current) => applyNodeChanges(changes.filter((c) => c.type !== 'remove'), current));
  }, []);

  const onEdgesChange = useCallback((changes: EdgeChange[]) => {
    setSelectedEdges((current) => {
      const next = new Set(current);
      for (const c of changes) {
        if (c.type !== 'select') continue;
        if (c.selected) next.add(c.id);
        else next.delete(c.id);
      }
      return next;
    });
  }, []);

  const commit = useEditor((s) => s.commit);
  const select = useEditor((s) => s.select);
  const flowId = flow?.id;

  const onNodeDragStop = useCallback(
    (_: unknown, __: unknown, dragged: StepFlowNode[]) => {
      const state = useEditor.getState();
      if (!state.body || !flowId) return;
      commit(setPositions(state.body, flowId, new Map(dragged.map((n) => [n.id, n.position]))));
    },
    [commit, flowId],
  );

  const onConnect = useCallback(
    (c: Connection) => {
      const state = useEditor.getState();
      if (!state.body || !flowId || !c.sourceHandle) return;
      commit(connect(state.body, flowId, c.source, parsePathKey(c.sourceHandle), c.target));
    },
    [commit, flowId],
  );

  const onEdgesDelete = useCallback(
    (removed: Edge[]) => {
      const state = useEditor.getState();
      if (!state.body || !flowId) return;
      let next = state.body;
      for (const e of removed) if (e.sourceHandle) next = connect(next, flowId, e.source, parsePathKey(e.sourceHandle), null);
      commit(next);
    },
    [commit, flowId],
  );

  const onNodesDelete = useCallback(
    (removed: StepFlowNode[]) => {
      const state = useEditor.getState();
      if (!state.body || !flowId) return;
      commit(deleteSteps(state.body, flowId, removed.map((n) => n.id)));
    },
    [commit, flowId],
  );

  const onSelectionChange = useCallback(({ nodes: chosen }: { nodes: StepFlowNode[] }) => select(chosen.map((n) => n.id)), [select]);

  if (!flow) return null;
  return (
    <ReactFlow<StepFlowNode>
      key={flow.id}
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      onNodesChange={onNodesChange}
      onEdgesChange={onEdgesChange}
      onNodeDragStop={onNodeDragStop}
      onConnect={onConnect}
      onEdgesDelete={onEdgesDelete}
      onNodesDelete={onNodesDelete}
      onSelectionChange={onSelectionChange}
      deleteKeyCode={['Delete', 'Backspace']}
      fitView
      fitViewOptions={{ maxZoom: 1, padding: 0.15 }}
      minZoom={0.1}
      onlyRenderVisibleElements={flow.steps.length > 150}
      proOptions={{ hideAttribution: true }}
      data-testid="flow-canvas"
    >
      <Background gap={20} />
      <Controls showInteractive={false} />
      <MiniMap pannable zoomable nodeColor={(n) => `var(--mantine-color-${stepMeta[(n as StepFlowNode).data.step.type].color}-4)`} />
      <CanvasToolbar />
    </ReactFlow>
  );
}
