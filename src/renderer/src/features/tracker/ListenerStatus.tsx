import { Badge, Button, Code, CopyButton, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { useQueryClient } from '@tanstack/react-query';
import { IconCopy, IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { TrackerStatus } from '../../../../shared/rpc/tracker';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../lib/format';
import { messageText } from '../../lib/messageText';
import { useRpcMutation, useRpcQuery } from '../../rpc/hooks';
import { TunnelControl } from './TunnelControl';

/** Requests refused before the token check: a count and the latest few, never stored one by one. */
function Strangers({ strangers }: { strangers: TrackerStatus['strangers'] }) {
  const { t } = useTranslation();
  if (strangers.count === 0) return null;
  return (
    <Stack gap={2} data-testid="tracker-strangers">
      <Text size="sm" fw={600}>{t('tracker.strangers', { count: strangers.count })}</Text>
      <Text size="xs" c="dimmed">{t('tracker.strangersHint')}</Text>
      {strangers.sample.map((s, i) => (
        <Text key={`${s.at}:${i}`} size="xs" ff="monospace">
          {formatDateTime(s.at)} · {s.ip} · {s.method} {s.path} · {t(`tracker.strangerReasons.${s.reason}`)}
        </Text>
      ))}
    </Stack>
  );
}

/** Listener state, its secret endpoint, and the postback URL to paste into each tracker. */
export function ListenerStatus({ status }: { status: TrackerStatus }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const urls = useRpcQuery('tracker.postbackUrls', {});
  const regenerate = useRpcMutation('tracker.regenerateToken');
  const confirmRegenerate = (): void => {
    modals.openConfirmModal({
      title: t('tracker.regenerateTitle'),
      children: t('tracker.regenerateBody'),
      labels: { confirm: t('tracker.regenerate'), cancel: t('common.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        regenerate.mutate({}, { onSuccess: (next) => (client.setQueryData(['tracker.status', {}], next), void client.invalidateQueries({ queryKey: ['tracker.postbackUrls'] })) }),
    });
  };
  return (
    <Paper withBorder p="md" radius="md" data-testid="tracker-status">
      <Stack gap="sm">
        <Group justify="space-between">
          <Group gap="xs">
            <Text fw={600}>{t('tracker.listener')}</Text>
            <Badge color={status.listening ? 'teal' : status.enabled ? 'red' : 'gray'} variant="light">
              {status.listening ? t('tracker.listening', { port: status.port ?? '?' }) : status.enabled ? t('tracker.notListening') : t('tracker.disabled')}
            </Badge>
            {status.pending > 0 && <Badge variant="light" color="yellow">{t('tracker.pending', { count: status.pending })}</Badge>}
          </Group>
          <Button size="xs" variant="subtle" color="red" leftSection={<IconRefresh size={14} />} loading={regenerate.isPending} onClick={confirmRegenerate}>
            {t('tracker.regenerate')}
          </Button>
        </Group>
        {status.error && <Text size="sm" c="red">{messageText(t, status.error)}</Text>}
        <TunnelControl status={status} />
        {regenerate.error && <ErrorAlert error={regenerate.error} />}
        {status.endpoint && (
          <Group gap="xs">
            <Text size="sm">{t('tracker.endpoint')}</Text>
            <Code>{status.endpoint}</Code>
          </Group>
        )}
        <Text size="sm" fw={600}>{t('tracker.postbackUrls')}</Text>
        {urls.error && <ErrorAlert error={urls.error} />}
        <Table fz="xs" verticalSpacing={4}>
          <Table.Tbody>
            {(urls.data ?? []).map((u, i, all) => (
              <Table.Tr key={`${u.preset}:${u.event ?? ''}`}>
                <Table.Td w={110}>{t(`tracker.presetNames.${u.preset}`)}</Table.Td>
                <Table.Td style={{ wordBreak: 'break-all' }}>
                  <Code fz="xs">{u.url}</Code>
                  {/* Once per preset, under its last URL: how this sender's postbacks are read. */}
                  {all[i + 1]?.preset !== u.preset && (
                    <Text size="xs" c="dimmed" data-testid={`preset-help-${u.preset}`} style={{ wordBreak: 'normal' }}>
                      {t(`tracker.presetHelp.${u.preset}`)}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td w={40}>
                  <CopyButton value={u.url}>
                    {({ copy, copied }) => (
                      <Button size="compact-xs" variant={copied ? 'light' : 'subtle'} onClick={copy} aria-label={t('common.copy')}>
                        <IconCopy size={12} />
                      </Button>
                    )}
                  </CopyButton>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Text size="xs" c="dimmed">{t('tracker.presetHelpCommon')}</Text>
        <Strangers strangers={status.strangers} />
      </Stack>
    </Paper>
  );
}
