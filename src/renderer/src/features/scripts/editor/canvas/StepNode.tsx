import { Anchor, Badge, Group, Paper, Stack, Text, ThemeIcon, Tooltip } from '@mantine/core';
import { IconAlertCircle, IconPlayerPlayFilled } from '@tabler/icons-react';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Step } from '../../../../../../shared/script';
import { stepMeta } from '../stepMeta';
import { nodeWidth } from './autoLayout';
import { edgeColors, type StepOutput } from './stepOutputs';

export interface StepNodeData extends Record<string, unknown> {
  step: Step;
  isStart: boolean;
  problemCount: number;
  summary: string;
  outputs: StepOutput[];
  /** For change_flow: the flow it leads to. */
  flowLink: { flowId: string; name: string; stepId?: string } | null;
  onFollowLink?: (flowId: string, stepId?: string) => void;
  /** The emulator's lead is at this step. */
  current?: boolean;
}

export type StepFlowNode = Node<StepNodeData, 'step'>;

/** One step on the canvas: type icon, title, a short summary and one handle per output. */
export const StepNode = memo(function StepNode({ data, selected }: NodeProps<StepFlowNode>) {
  const { t } = useTranslation();
  const { step, isStart, problemCount, summary, outputs, flowLink, current } = data;
  const meta = stepMeta[step.type];
  const isNote = step.type === 'note';
  return (
    <Paper
      withBorder
      shadow={selected ? 'md' : 'xs'}
      radius="md"
      w={nodeWidth}
      bg={isNote ? 'lime.0' : undefined}
      data-testid={`node-${step.id}`}
      data-current={current || undefined}
      style={{
        position: 'relative',
        borderColor: current ? 'var(--mantine-color-violet-8)' : selected ? 'var(--mantine-color-violet-6)' : problemCount ? 'var(--mantine-color-red-5)' : undefined,
        borderWidth: current ? 3 : selected || problemCount ? 2 : 1,
        boxShadow: current ? '0 0 0 4px var(--mantine-color-violet-2)' : undefined,
      }}
    >
      {!isNote && <Handle type="target" position={Position.Left} style={{ top: 22, width: 10, height: 10 }} />}
      {current && (
        <Badge size="xs" color="violet" variant="filled" data-testid="node-current" style={{ position: 'absolute', top: -10, right: 8 }}>
          {t('desk.currentStep')}
        </Badge>
      )}
      <Stack gap={4} p="xs">
        <Group gap={6} wrap="nowrap">
          <ThemeIcon size="sm" variant="light" color={meta.color}>
            <meta.icon size={14} />
          </ThemeIcon>
          <Text size="sm" fw={600} truncate style={{ flex: 1 }}>
            {step.title || t(`stepTypes.${step.type}`)}
          </Text>
          {isStart && (
            <Tooltip label={t('editor.startStep')}>
              <IconPlayerPlayFilled size={14} color="var(--mantine-color-green-6)" />
            </Tooltip>
          )}
          {problemCount > 0 && (
            <Badge size="xs" color="red" leftSection={<IconAlertCircle size={10} />}>
              {problemCount}
            </Badge>
          )}
        </Group>
        <Text size="xs" c="dimmed">
          {t(`stepTypes.${step.type}`)}
        </Text>
        {summary && (
          <Text size="xs" lineClamp={2}>
            {summary}
          </Text>
        )}
        {flowLink && (
          <Anchor
            size="xs"
            className="nodrag"
            onClick={(e) => {
              e.stopPropagation();
              data.onFollowLink?.(flowLink.flowId, flowLink.stepId);
            }}
          >
            → {flowLink.name}
          </Anchor>
        )}
      </Stack>
      {outputs.map((o) => (
        <div key={o.key} style={{ position: 'relative', borderTop: '1px solid var(--mantine-color-gray-2)', padding: '2px 14px 2px 8px' }}>
          <Text size="xs" ta="right" c={o.target ? undefined : 'dimmed'} truncate>
            {o.label}
          </Text>
          <Handle
            type="source"
            id={o.key}
            position={Position.Right}
            style={{ background: edgeColors[o.kind], width: 10, height: 10 }}
          />
        </div>
      ))}
    </Paper>
  );
});
