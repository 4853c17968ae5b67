import { Button, ScrollArea, Stack, Text, Tooltip } from '@mantine/core';
import { useReactFlow } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import type { Step, StepType } from '../../../../../shared/script';
import { freeSpot } from './canvas/freeSpot';
import { stepOutputs } from './canvas/stepOutputs';
import { addStep } from './editorOps';
import { useEditor } from './editorStore';
import { paletteOrder, stepMeta } from './stepMeta';

/** Adds a step of any type next to the selection (or mid-canvas), in free space, and selects it. */
export function StepPalette() {
  const { t } = useTranslation();
  const { screenToFlowPosition } = useReactFlow();

  const add = (type: StepType): void => {
    const state = useEditor.getState();
    if (!state.body || !state.flowId) return;
    const flow = state.body.flows.find((f) => f.id === state.flowId);
    const canvas = document.querySelector('.react-flow')?.getBoundingClientRect();
    const center = canvas
      ? screenToFlowPosition({ x: canvas.left + canvas.width / 2 - 130, y: canvas.top + canvas.height / 2 - 50 })
      : { x: 0, y: 0 };
    // Next to the selected step when there is one, always in free space (never on top of a step).
    const withOutputs = (s: Step) => ({ position: s.position, outputs: stepOutputs(s, t).length });
    const steps = (flow?.steps ?? []).map(withOutputs);
    const anchorStep = flow?.steps.find((s) => s.id === state.selected[state.selected.length - 1]);
    const position = freeSpot(steps, anchorStep && withOutputs(anchorStep), center);
    const { script, stepId } = addStep(state.body, state.flowId, type, t(`stepTypes.${type}`), position);
    state.commit(script);
    state.select([stepId]);
  };

  return (
    <ScrollArea h="100%" type="auto">
      <Stack gap={4} p="xs" w={184}>
        <Text size="xs" fw={700} c="dimmed" tt="uppercase">
          {t('editor.palette')}
        </Text>
        {paletteOrder.map((type) => {
          const meta = stepMeta[type];
          return (
            <Tooltip key={type} label={t(`stepHelp.${type}`)} position="right" multiline w={260} openDelay={400}>
              <Button
                variant="light"
                color={meta.color}
                size="xs"
                fz={12}
                px={8}
                justify="flex-start"
                // Longer names (RU "Ожидание / заглушка") wrap onto a second line instead of being cut.
                h="auto"
                mih={28}
                py={4}
                styles={{ label: { whiteSpace: 'normal', textAlign: 'left', lineHeight: 1.25 } }}
                leftSection={<meta.icon size={14} />}
                onClick={() => add(type)}
                data-testid={`palette-${type}`}
              >
                {t(`stepTypes.${type}`)}
              </Button>
            </Tooltip>
          );
        })}
      </Stack>
    </ScrollArea>
  );
}
