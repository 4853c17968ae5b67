import { Badge, Code, ScrollArea, Group, Paper, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { languageSchema } from '../../../../shared/settings';
import { applyLanguage } from '../../i18n';
import { useRpcMutation, useRpcQuery } from '../../rpc/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { AiProviderCard } from './AiProviderCard';
import { MaintenanceCard } from './MaintenanceCard';
import { StopWordsCard } from './StopWordsCard';
import { toastSaved } from '../../lib/operatorToasts';

export function SettingsPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const settings = useRpcQuery('settings.get', {});
  const info = useRpcQuery('app.info', {});
  const save = useRpcMutation('settings.set');

  const setLanguage = (value: string): void => {
    const language = languageSchema.parse(value);
    save.mutate(
      { language },
      {
        onSuccess: async (next) => {
          client.setQueryData(['settings.get', {}], next);
          await applyLanguage(next.language);
          toastSaved(t);
        },
      },
    );
  };

  return (
    <ScrollArea h="100%">
    <Stack p="xl" gap="lg" maw={820}>
      <Title order={2}>{t('settings.title')}</Title>

      <Paper withBorder p="lg" radius="md">
        <Stack gap="xs">
          <Group justify="space-between">
            <Text fw={600}>{t('settings.language')}</Text>
            {save.isSuccess && (
              <Badge color="teal" variant="light" leftSection={<IconCheck size={12} />}>
                {t('settings.saved')}
              </Badge>
            )}
          </Group>
          <Text size="sm" c="dimmed">
            {t('settings.languageHint')}
          </Text>
          <SegmentedControl
            data-testid="language-switch"
            w={240}
            value={settings.data?.language ?? 'ru'}
            onChange={setLanguage}
            disabled={!settings.data || save.isPending}
            data={[
              { value: 'ru', label: 'Русский' },
              { value: 'en', label: 'English' },
            ]}
          />
          {save.error && <ErrorAlert error={save.error} />}
        </Stack>
      </Paper>

      <AiProviderCard />

      {settings.data && <StopWordsCard key={settings.dataUpdatedAt} settings={settings.data} />}
      <MaintenanceCard />

      <Paper withBorder p="lg" radius="md">
        <Text fw={600} mb="sm">
          {t('settings.about')}
        </Text>
        {info.error && <ErrorAlert error={info.error} />}
        {info.data && (
          <Table variant="vertical" layout="fixed" withRowBorders={false}>
            <Table.Tbody>
              <Table.Tr>
                <Table.Th w={180}>{t('settings.version')}</Table.Th>
                <Table.Td>{info.data.version}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('settings.host')}</Table.Th>
                <Table.Td>
                  {info.data.host === 'electron' ? t('settings.hostElectron') : t('settings.hostHeadless')}
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('settings.dataFolder')}</Table.Th>
                <Table.Td>
                  <Code>{info.data.dataDir}</Code>
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('settings.schema')}</Table.Th>
                <Table.Td>{info.data.schemaVersion}</Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
        )}
      </Paper>
    </Stack>
    </ScrollArea>
  );
}
