import { Button, Group, Paper, Select } from '@mantine/core';
import { IconLayoutDistributeHorizontal, IconSearch } from '@tabler/icons-react';
import { Panel, useReactFlow } from '@xyflow/react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { setPositions } from '../editorOps';
import { useCurrentFlow, useEditor } from '../editorStore';
import { autoLayout } from './autoLayout';

/** Search by step title and auto-layout, floating over the canvas. */
export function CanvasToolbar() {
  const { t } = useTranslation();
  const flow = useCurrentFlow();
  const { fitView } = useReactFlow();
  const focusStep = useEditor((s) => s.focusStep);
  const options = useMemo(
    () => (flow?.steps ?? []).map((s) => ({ value: s.id, label: `${s.title || t(`stepTypes.${s.type}`)} · ${s.id}` })),
    [flow, t],
  );

  const layout = (): void => {
    const state = useEditor.getState();
    if (!state.body || !flow) return;
    state.commit(setPositions(state.body, flow.id, autoLayout(flow)));
    setTimeout(() => void fitView({ duration: 300, maxZoom: 1, padding: 0.15 }), 50);
  };

  return (
    <Panel position="top-left">
      <Paper shadow="xs" p={6} withBorder>
        <Group gap="xs">
          <Select
            size="xs"
            w={260}
            searchable
            clearable
            value={null}
            placeholder={t('editor.searchSteps')}
            leftSection={<IconSearch size={14} />}
            data={options}
            onChange={(id) => id && flow && focusStep(flow.id, id)}
            nothingFoundMessage={t('common.nothingFound')}
            data-testid="step-search"
          />
          <Button size="xs" variant="default" leftSection={<IconLayoutDistributeHorizontal size={14} />} onClick={layout} data-testid="auto-layout">
            {t('editor.autoLayout')}
          </Button>
        </Group>
      </Paper>
    </Panel>
  );
}
