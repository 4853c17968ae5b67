import { ActionIcon, Alert, Code, CopyButton, Group, List, ScrollArea, Stack, Text, ThemeIcon, Tooltip } from '@mantine/core';
import { IconAlertCircle, IconCopy, IconFlag3, IconPlayerPlay, IconTrash } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { deleteSteps, pasteSteps, setFlowStart } from '../editorOps';
import { useCurrentFlow, useEditor } from '../editorStore';
import type { Validation } from '../problems';
import { stepMeta } from '../stepMeta';
import { messageText } from '../../../../lib/messageText';
import { PText } from './fields';
import { StepForm } from './StepForm';
import { StepFormContext } from './stepFieldContext';

interface StepInspectorProps {
  stepId: string;
  validation: Validation;
  onTestFromHere(stepId: string): void;
}

/** The form of the selected step, with its problems and step actions. */
export function StepInspector({ stepId, validation, onTestFromHere }: StepInspectorProps) {
  const { t } = useTranslation();
  const flow = useCurrentFlow();
  const step = flow?.steps.find((s) => s.id === stepId);
  const problems = validation.byStep.get(stepId);
  const ctx = useMemo(() => (step && flow ? { step, flowId: flow.id, problems } : null), [step, flow, problems]);
  if (!step || !flow || !ctx) return null;
  const meta = stepMeta[step.type];

  const run = (change: (state: ReturnType<typeof useEditor.getState>) => void): void => change(useEditor.getState());
  const isStart = flow.start === step.id;

  return (
    <StepFormContext.Provider value={ctx}>
      <ScrollArea h="100%" type="auto" data-testid="step-inspector">
        <Stack gap="sm" p="sm">
          <Group justify="space-between" wrap="nowrap">
            <Group gap="xs" wrap="nowrap">
              <ThemeIcon variant="light" color={meta.color}>
                <meta.icon size={16} />
              </ThemeIcon>
              <Text fw={600}>{t(`stepTypes.${step.type}`)}</Text>
            </Group>
            <Group gap={2}>
              <Tooltip label={isStart ? t('editor.isStart') : t('editor.makeStart')}>
                <ActionIcon
                  variant={isStart ? 'filled' : 'subtle'}
                  color="green"
                  onClick={() => run((s) => s.body && s.commit(setFlowStart(s.body, flow.id, step.id)))}
                  aria-label={t('editor.makeStart')}
                >
                  <IconFlag3 size={16} />
                </ActionIcon>
              </Tooltip>
              <Tooltip label={t('editor.testFromHere')}>
                <ActionIcon variant="subtle" color="violet" onClick={() => onTestFromHere(step.id)} aria-label={t('editor.testFromHere')}>
                  <IconPlayerPlay size={16} />
                </ActionIcon>
              </Tooltip>
              <Tooltip label={t('editor.duplicate')}>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  onClick={() =>
                    run((s) => {
                      if (!s.body) return;
                      const { script, ids } = pasteSteps(s.body, flow.id, [step]);
                      s.commit(script);
                      s.select(ids);
                    })
                  }
                  aria-label={t('editor.duplicate')}
                >
                  <IconCopy size={16} />
                </ActionIcon>
              </Tooltip>
              <Tooltip label={t('editor.deleteStep')}>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  onClick={() => run((s) => s.body && s.commit(deleteSteps(s.body, flow.id, [step.id])))}
                  aria-label={t('editor.deleteStep')}
                  data-testid="delete-step"
                >
                  <IconTrash size={16} />
                </ActionIcon>
              </Tooltip>
            </Group>
          </Group>
          <Group gap={4}>
            <Text size="xs" c="dimmed">
              ID
            </Text>
            <Code>{step.id}</Code>
            <CopyButton value={step.id}>
              {({ copy }) => (
                <ActionIcon size="xs" variant="subtle" color="gray" onClick={copy} aria-label={t('common.copy')}>
                  <IconCopy size={12} />
                </ActionIcon>
              )}
            </CopyButton>
          </Group>
          {problems && problems.length > 0 && (
            <Alert color="red" variant="light" p="xs" icon={<IconAlertCircle size={16} />} data-testid="step-problems">
              <List size="xs">
                {problems.map((p, i) => (
                  <List.Item key={i}>{messageText(t, p)}</List.Item>
                ))}
              </List>
            </Alert>
          )}
          <PText path={['title']} label={t('inspector.title')} testId="field-title" />
          <StepForm type={step.type} />
        </Stack>
      </ScrollArea>
    </StepFormContext.Provider>
  );
}
