import { Alert, Badge, Button, Code, Group, Text } from '@mantine/core';
import { IconWorld } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TrackerStatus } from '../../../../shared/rpc/tracker';
import { ErrorAlert } from '../../components/ErrorAlert';
import { messageText } from '../../lib/messageText';
import { useRpcMutation } from '../../rpc/hooks';

/** Starts/stops a Cloudflare quick tunnel when cloudflared is installed; explains the options otherwise. */
export function TunnelControl({ status }: { status: TrackerStatus }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const start = useRpcMutation('tracker.tunnel.start');
  const stop = useRpcMutation('tracker.tunnel.stop');
  const apply = (next: TrackerStatus): void => {
    client.setQueryData(['tracker.status', {}], next);
    void client.invalidateQueries({ queryKey: ['tracker.postbackUrls'] });
  };
  const { tunnel } = status;
  return (
    <Group gap="sm" align="center" data-testid="tracker-tunnel">
      <IconWorld size={18} />
      <Text size="sm" fw={600}>
        {t('tracker.tunnel.title')}
      </Text>
      <Badge variant="light" color={tunnel.state === 'running' ? 'teal' : tunnel.state === 'failed' ? 'red' : 'gray'}>
        {t(`tracker.tunnel.state.${tunnel.state}`)}
      </Badge>
      {tunnel.url && <Code>{tunnel.url}</Code>}
      {tunnel.available ? (
        tunnel.state === 'running' || tunnel.state === 'starting' ? (
          <Button size="xs" variant="light" color="gray" loading={stop.isPending} onClick={() => stop.mutate({}, { onSuccess: apply })}>
            {t('tracker.tunnel.stop')}
          </Button>
        ) : (
          <Button size="xs" variant="light" loading={start.isPending} disabled={!status.listening} onClick={() => start.mutate({}, { onSuccess: apply })}>
            {t('tracker.tunnel.start')}
          </Button>
        )
      ) : (
        <Alert variant="light" color="gray" p={6} w="100%">
          <Text size="xs">{t('tracker.tunnel.missing')}</Text>
        </Alert>
      )}
      {tunnel.error && <Text size="xs" c="red">{messageText(t, tunnel.error)}</Text>}
      {(start.error ?? stop.error) && <ErrorAlert error={(start.error ?? stop.error) as Error} />}
    </Group>
  );
}
