import { ActionIcon, Anchor, Group, Paper, Progress, Stack, Text, ThemeIcon, Tooltip, UnstyledButton } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { IconCheck, IconCircleDashed, IconFlask, IconX } from '@tabler/icons-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { firstRunSteps, type FirstRunStep } from '../../../shared/firstRunSteps';
import { callRpc, useRpcEvent, useRpcMutation } from '../rpc/hooks';

/** Where each step is done. */
const stepPage: Record<FirstRunStep, string> = { account: '/accounts', template: '/scripts', publish: '/scripts', postbacks: '/tracker' };

/**
 * The sidebar's first-run checklist: each step ticks itself off from the data (firstRun.status is
 * refetched whenever accounts, scripts or the tracker change, on every page change, and every few
 * seconds while the list is shown), the whole
 * list goes once all are done or the operator hides it. In sandbox mode a banner says so and leads
 * to the Sandbox bar. Every line is short: the sidebar is 220 px wide.
 */
export function FirstRunChecklist() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const client = useQueryClient();
  const status = useQuery({
    queryKey: ['firstRun.status', {}],
    queryFn: () => callRpc('firstRun.status', {}),
    // Some steps are done by saves that push no event (a campaign, tracker settings): while the list
    // is open it also looks again every few seconds (one small indexed query).
    refetchInterval: (query) => (query.state.data && (query.state.data.dismissed || Object.values(query.state.data.done).every(Boolean)) ? false : 4_000),
  });
  const dismiss = useRpcMutation('firstRun.dismiss');
  const refresh = (): void => void client.invalidateQueries({ queryKey: ['firstRun.status'] });
  useRpcEvent('scripts.changed', refresh);
  useRpcEvent('accounts.status', refresh);
  useRpcEvent('tracker.status', refresh);
  useRpcEvent('tracker.postback', refresh);
  // Saving settings on a page emits nothing for some steps: leaving the page re-reads the facts.
  useEffect(() => {
    void client.invalidateQueries({ queryKey: ['firstRun.status'] });
  }, [location.pathname, client]);

  if (!status.data) return null;
  const { done, dismissed, sandbox } = status.data;
  const count = firstRunSteps.filter((s) => done[s]).length;
  const showList = !dismissed && count < firstRunSteps.length;

  return (
    <Stack gap="xs">
      {sandbox && (
        <Paper p="xs" radius="md" bg="yellow.0" withBorder data-testid="sandbox-banner">
          <Tooltip label={t('firstRun.sandboxHint')} multiline w={260} position="right">
            <Group gap={6} wrap="nowrap">
              <IconFlask size={16} color="var(--mantine-color-yellow-8)" />
              <Text size="sm" fw={600}>
                {t('firstRun.sandboxTitle')}
              </Text>
            </Group>
          </Tooltip>
          <Anchor component="button" type="button" size="xs" onClick={() => void navigate('/inbox')} data-testid="sandbox-banner-link">
            {t('firstRun.sandboxLink')}
          </Anchor>
        </Paper>
      )}
      {showList && (
        <Paper p="xs" radius="md" withBorder data-testid="first-run">
          <Group justify="space-between" wrap="nowrap" gap={4}>
            <Text size="sm" fw={600} truncate>
              {t('firstRun.title')}
            </Text>
            <Tooltip label={t('firstRun.dismiss')}>
              <ActionIcon size="sm" variant="subtle" color="gray" aria-label={t('firstRun.dismiss')} onClick={() => dismiss.mutate({}, { onSuccess: refresh })} data-testid="first-run-dismiss">
                <IconX size={14} />
              </ActionIcon>
            </Tooltip>
          </Group>
          <Group gap={6} wrap="nowrap" mb={6}>
            <Progress value={(count / firstRunSteps.length) * 100} size="xs" style={{ flex: 1 }} />
            <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }} data-testid="first-run-progress">
              {t('firstRun.progress', { done: count, total: firstRunSteps.length })}
            </Text>
          </Group>
          <Stack gap={2}>
            {firstRunSteps.map((step) => (
              <Tooltip key={step} label={done[step] ? t('firstRun.done') : t(`firstRun.hints.${step}`)} multiline w={260} position="right">
                <UnstyledButton onClick={() => void navigate(stepPage[step])} data-testid={`first-run-${step}`} data-done={done[step]} style={{ borderRadius: 4 }}>
                  <Group gap={6} wrap="nowrap">
                    <ThemeIcon size={16} radius="xl" variant={done[step] ? 'filled' : 'subtle'} color={done[step] ? 'teal' : 'gray'}>
                      {done[step] ? <IconCheck size={11} /> : <IconCircleDashed size={14} />}
                    </ThemeIcon>
                    <Text size="xs" td={done[step] ? 'line-through' : undefined} c={done[step] ? 'dimmed' : undefined}>
                      {t(`firstRun.steps.${step}`)}
                    </Text>
                  </Group>
                </UnstyledButton>
              </Tooltip>
            ))}
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
