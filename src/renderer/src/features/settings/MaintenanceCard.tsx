import { Badge, Button, Code, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime, formatMegabytes } from '../../lib/format';
import { useRpcEvent, useRpcMutation, useRpcQuery } from '../../rpc/hooks';

/** Settings: back up now, restore a backup (the app restarts on it), where the logs and backups are. */
export function MaintenanceCard() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const info = useRpcQuery('maintenance.info', {});
  const backupNow = useRpcMutation('maintenance.backupNow');
  const restore = useRpcMutation('maintenance.restore');
  const openFolder = useRpcMutation('maintenance.openFolder');
  // After a restore every view's data is stale: the app behind the RPC was restarted on other data.
  useRpcEvent('maintenance.restored', () => void client.invalidateQueries());

  const confirmRestore = (name: string): void => {
    modals.openConfirmModal({
      title: t('maintenance.restoreTitle'),
      children: t('maintenance.restoreBody', { name }),
      labels: { confirm: t('maintenance.restore'), cancel: t('common.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: () => restore.mutate({ name }, { onSuccess: () => notifications.show({ color: 'teal', message: t('maintenance.restored', { name }) }) }),
    });
  };
  const data = info.data;
  return (
    <Paper withBorder p="lg" radius="md" data-testid="maintenance-card">
      <Stack gap="sm">
        <Group justify="space-between">
          <Text fw={600}>{t('maintenance.title')}</Text>
          <Button
            size="xs"
            loading={backupNow.isPending}
            onClick={() =>
              backupNow.mutate({}, { onSuccess: (b) => (notifications.show({ color: 'teal', message: t('maintenance.backedUp', { name: b.name }) }), void info.refetch()) })
            }
          >
            {t('maintenance.backupNow')}
          </Button>
        </Group>
        <Text size="sm" c="dimmed">
          {t('maintenance.hint')}
        </Text>
        {[backupNow.error, restore.error, info.error].map((e, i) => (e ? <ErrorAlert key={i} error={e} /> : null))}
        {data && data.backups.length === 0 && <Text size="sm">{t('maintenance.none')}</Text>}
        {data && data.backups.length > 0 && (
          <Table striped withTableBorder fz="sm">
            <Table.Tbody>
              {data.backups.map((b) => (
                <Table.Tr key={b.name}>
                  <Table.Td>{formatDateTime(b.createdAt)}</Table.Td>
                  <Table.Td>
                    <Badge variant="light">{t(`maintenance.reason.${b.reason}`)}</Badge>
                  </Table.Td>
                  <Table.Td>{formatMegabytes(b.bytes)}</Table.Td>
                  <Table.Td ta="right">
                    <Button size="compact-xs" variant="subtle" color="red" loading={restore.isPending && restore.variables?.name === b.name} onClick={() => confirmRestore(b.name)}>
                      {t('maintenance.restore')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {data && (
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t('maintenance.logs')}: <Code>{data.logDir}</Code>
            </Text>
            <Text size="sm">
              {t('maintenance.folder')}: <Code>{data.backupsDir}</Code>
            </Text>
            {data.canOpenFolders && (
              <Group gap="xs">
                <Button size="xs" variant="default" onClick={() => openFolder.mutate({ folder: 'logs' })}>
                  {t('maintenance.openLogs')}
                </Button>
                <Button size="xs" variant="default" onClick={() => openFolder.mutate({ folder: 'backups' })}>
                  {t('maintenance.openBackups')}
                </Button>
              </Group>
            )}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
