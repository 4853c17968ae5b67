import { ActionIcon, Alert, Button, Group, Select, Stack, Switch, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { IconPlayerPlay, IconPlayerStop, IconRefresh, IconX } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EmulatorState } from '../../../../../../shared/rpc/emulator';
import { ErrorAlert } from '../../../../components/ErrorAlert';
import { callRpc } from '../../../../rpc/hooks';
import { stepOptionGroups } from '../../../../lib/stepOptions';
import { useEditor } from '../editorStore';
import { useEmulatorTrace } from './emulatorTrace';
import { EmulatorChat } from './EmulatorChat';
import { EmulatorControls } from './EmulatorControls';
import { EmulatorLeadState } from './EmulatorLeadState';

interface EmulatorPanelProps {
  /** Step to start from (chosen in the canvas), or the script's start. */
  startAt: string | null;
  onClose(): void;
  saveNow(): Promise<void>;
}

/** A fake lead chatting with the open script: the real engine in a throwaway world. */
export function EmulatorPanel({ startAt, onClose, saveNow }: EmulatorPanelProps) {
  const { t } = useTranslation();
  const scriptId = useEditor((s) => s.scriptId);
  const body = useEditor((s) => s.body);
  const selected = useEditor((s) => s.selected);
  const [state, setState] = useState<EmulatorState | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [useDraft, setUseDraft] = useState(true);
  const [firstName, setFirstName] = useState('Тест');
  const [from, setFrom] = useState<string | null>(startAt);
  const session = useRef<string | null>(null);

  // Stop the throwaway world when the panel closes.
  useEffect(
    () => () => {
      if (session.current) void callRpc('emulator.stop', { sessionId: session.current }).catch(() => undefined);
    },
    [],
  );

  const run = async (action: () => Promise<EmulatorState>): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const next = await action();
      session.current = next.sessionId;
      setState(next);
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    } finally {
      setBusy(false);
    }
  };

  const start = (): Promise<void> =>
    run(async () => {
      if (scriptId == null) throw new Error('No script');
      if (session.current) await callRpc('emulator.stop', { sessionId: session.current }).catch(() => undefined);
      if (useDraft) await saveNow();
      const fromFlow = from ? body?.flows.find((f) => f.steps.some((s) => s.id === from)) : undefined;
      const startStep = from && fromFlow ? { flowId: fromFlow.id, stepId: from } : null;
      return callRpc('emulator.start', { scriptId, useDraft, startAt: startStep, lead: { firstName: firstName || 'Тест', username: null }, tracker: {} });
    });

  const stop = async (): Promise<void> => {
    if (session.current) await callRpc('emulator.stop', { sessionId: session.current }).catch(() => undefined);
    session.current = null;
    setState(null);
  };

  // Any step of any flow, named by title, flow and id.
  const stepOptions = stepOptionGroups(body, t);

  // The canvas highlights (and follows) the lead's step; nothing is highlighted once the emulator stops.
  const setAt = useEmulatorTrace((s) => s.setAt);
  const follow = useEmulatorTrace((s) => s.follow);
  const setFollow = useEmulatorTrace((s) => s.setFollow);
  const leadFlow = state?.lead.flowId;
  const leadStep = state?.lead.stepId;
  useEffect(() => setAt(leadFlow && leadStep ? { flowId: leadFlow, stepId: leadStep } : null), [leadFlow, leadStep, setAt]);
  useEffect(() => () => setAt(null), [setAt]);

  return (
    <Stack gap={0} h="100%" data-testid="emulator">
      <Group justify="space-between" px="sm" py={6} style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Title order={5}>{t('emulator.title')}</Title>
        <Group gap={4}>
          {state && (
            <Tooltip label={t('emulator.stop')}>
              <ActionIcon variant="subtle" color="red" onClick={() => void stop()} aria-label={t('emulator.stop')}>
                <IconPlayerStop size={16} />
              </ActionIcon>
            </Tooltip>
          )}
          <ActionIcon variant="subtle" color="gray" onClick={onClose} aria-label={t('common.close')}>
            <IconX size={16} />
          </ActionIcon>
        </Group>
      </Group>
      <Stack gap={6} p="sm" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Group gap="xs" grow>
          <TextInput size="xs" label={t('emulator.leadName')} value={firstName} onChange={(e) => setFirstName(e.currentTarget.value)} />
          <Select
            size="xs"
            label={t('emulator.startFrom')}
            placeholder={t('emulator.scriptStart')}
            data={stepOptions}
            value={from}
            onChange={setFrom}
            clearable
            searchable
            data-testid="emulator-start-from"
          />
        </Group>
        <Group justify="space-between">
          <Group gap="sm">
            <Switch size="xs" label={t('emulator.useDraft')} checked={useDraft} onChange={(e) => setUseDraft(e.currentTarget.checked)} />
            <Switch size="xs" label={t('desk.followLead')} checked={follow} onChange={(e) => setFollow(e.currentTarget.checked)} data-testid="emulator-follow" />
          </Group>
          <Group gap={4}>
            {selected.length === 1 && selected[0] !== from && (
              <Button size="compact-xs" variant="subtle" onClick={() => setFrom(selected[0] ?? null)}>
                {t('emulator.useSelected')}
              </Button>
            )}
            <Button
              size="xs"
              leftSection={state ? <IconRefresh size={14} /> : <IconPlayerPlay size={14} />}
              loading={busy && !state}
              onClick={() => void start()}
              data-testid="emulator-start"
            >
              {state ? t('emulator.restart') : t('emulator.start')}
            </Button>
          </Group>
        </Group>
        {error && <ErrorAlert error={error} />}
      </Stack>
      {state ? (
        <>
          <EmulatorLeadState state={state} />
          <EmulatorChat state={state} />
          <EmulatorControls state={state} busy={busy} run={run} />
        </>
      ) : (
        <Alert m="sm" variant="light" color="gray">
          <Text size="sm">{t('emulator.intro')}</Text>
        </Alert>
      )}
    </Stack>
  );
}
