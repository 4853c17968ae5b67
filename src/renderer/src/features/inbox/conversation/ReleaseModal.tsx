import { Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Script } from '../../../../../shared/script';
import { stepOptionGroups } from '../../../lib/stepOptions';
import { useRpcQuery } from '../../../rpc/hooks';

interface ReleaseModalProps {
  opened: boolean;
  scriptId: number | null;
  currentFlowId: string | null;
  onClose(): void;
  onRelease(to: { flowId: string; stepId: string }): void;
}

/** Hand the chat back to the funnel from a chosen step of the lead's script. */
export function ReleaseModal({ opened, scriptId, currentFlowId, onClose, onRelease }: ReleaseModalProps) {
  const { t } = useTranslation();
  const script = useRpcQuery('scripts.get', { id: scriptId ?? 0 }, { enabled: opened && scriptId != null });
  const body = (script.data?.body ?? null) as Script | null;
  const [flowId, setFlowId] = useState<string | null>(currentFlowId);
  const [stepId, setStepId] = useState<string | null>(null);
  const flow = body?.flows.find((f) => f.id === flowId);
  return (
    <Modal opened={opened} onClose={onClose} title={t('inbox.releaseToStep')}>
      <Stack>
        {scriptId == null && <Text c="dimmed">{t('inbox.noScript')}</Text>}
        <Select label={t('inbox.flow')} data={(body?.flows ?? []).map((f) => ({ value: f.id, label: f.name }))} value={flowId} onChange={(v) => (setFlowId(v), setStepId(null))} />
        <Select
          label={t('inbox.step')}
          searchable
          data={flow ? stepOptionGroups(body, t, { flowId: flow.id }).flatMap((g) => g.items) : []}
          value={stepId}
          onChange={setStepId}
          data-testid="release-step"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button disabled={!flowId || !stepId} onClick={() => flowId && stepId && onRelease({ flowId, stepId })} data-testid="release-confirm">
            {t('inbox.release')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
