import { Badge, Code, Group, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconAlertCircle, IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useEditor } from './editorStore';
import type { LocatedProblem, Validation } from './problems';
import { messageText } from '../../../lib/messageText';

/** Every validation problem of the draft; a click opens the step it belongs to. */
export function ProblemsPanel({ validation, onOpenSettings }: { validation: Validation; onOpenSettings(): void }) {
  const { t } = useTranslation();
  const body = useEditor((s) => s.body);
  const focusStep = useEditor((s) => s.focusStep);
  const all: LocatedProblem[] = [...validation.errors, ...validation.warnings];
  const stepTitle = (p: LocatedProblem): string => {
    const flow = body?.flows.find((f) => f.id === p.flowId);
    const step = flow?.steps.find((s) => s.id === p.stepId);
    return [flow?.name, step ? step.title || step.id : undefined].filter(Boolean).join(' › ');
  };
  return (
    <ScrollArea h="100%" type="auto" data-testid="problems-panel">
      <Stack gap={0}>
        {all.length > 0 && (
          <Text size="xs" c="dimmed" px="sm" pt={6} data-testid="problems-summary" data-errors={validation.errors.length} data-warnings={validation.warnings.length}>
            {t('desk.problemsSummary', { errors: validation.errors.length, warnings: validation.warnings.length })}
          </Text>
        )}
        {all.length === 0 && (
          <Text size="sm" c="dimmed" p="sm">
            {t('editor.noProblems')}
          </Text>
        )}
        {all.map((p, i) => (
          <UnstyledButton
            key={`${p.path}-${i}`}
            px="sm"
            py={6}
            style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}
            onClick={() => (p.flowId && p.stepId ? focusStep(p.flowId, p.stepId) : onOpenSettings())}
            data-testid="problem-item"
            data-severity={p.severity}
          >
            <Group gap="xs" wrap="nowrap">
              {p.severity === 'error' ? (
                <IconAlertCircle size={16} color="var(--mantine-color-red-6)" />
              ) : (
                <IconAlertTriangle size={16} color="var(--mantine-color-yellow-7)" />
              )}
              <Text size="sm" style={{ flex: 1 }}>
                {messageText(t, p)}
              </Text>
              {stepTitle(p) && (
                <Badge variant="light" color="gray" size="sm">
                  {stepTitle(p)}
                </Badge>
              )}
              <Code fz="xs">{p.path || '/'}</Code>
            </Group>
          </UnstyledButton>
        ))}
      </Stack>
    </ScrollArea>
  );
}
