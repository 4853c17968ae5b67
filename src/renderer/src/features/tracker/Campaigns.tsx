import { Button, Code, CopyButton, Group, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { IconCopy, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useRpcMutation, useRpcQuery } from '../../rpc/hooks';
import { toastSaved } from '../../lib/operatorToasts';

/** Campaign links that carry the click id into the DM: create one, copy its link or tracker template. */
export function Campaigns() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const list = useRpcQuery('tracker.campaigns.list', {});
  const create = useRpcMutation('tracker.campaigns.create');
  const [name, setName] = useState('');
  const [username, setUsername] = useState('');
  const [greeting, setGreeting] = useState(t('tracker.defaultGreeting'));
  const submit = (): void =>
    create.mutate(
      { name: name.trim(), username: username.trim(), greeting: greeting.trim(), subs: {} },
      { onSuccess: () => (setName(''), toastSaved(t), void client.invalidateQueries({ queryKey: ['tracker.campaigns.list'] })) },
    );
  const copy = (value: string) => (
    <CopyButton value={value}>
      {({ copy: run }) => (
        <Button size="compact-xs" variant="subtle" onClick={run} aria-label={t('common.copy')}>
          <IconCopy size={12} />
        </Button>
      )}
    </CopyButton>
  );
  return (
    <Paper withBorder p="md" radius="md" data-testid="campaigns">
      <Stack gap="sm">
        <Text fw={600}>{t('tracker.campaigns')}</Text>
        <Group align="flex-end" gap="xs">
          <TextInput size="xs" label={t('tracker.campaignName')} value={name} onChange={(e) => setName(e.currentTarget.value)} />
          <TextInput size="xs" label={t('tracker.username')} placeholder="@my_account" value={username} onChange={(e) => setUsername(e.currentTarget.value)} />
          <TextInput size="xs" style={{ flex: 1, minWidth: 280 }} label={t('tracker.greeting')} description={t('tracker.greetingHint')} value={greeting} onChange={(e) => setGreeting(e.currentTarget.value)} />
          <Button size="xs" leftSection={<IconPlus size={14} />} disabled={!name.trim() || !username.trim() || !greeting.trim()} loading={create.isPending} onClick={submit}>
            {t('tracker.createCampaign')}
          </Button>
        </Group>
        {create.error && <ErrorAlert error={create.error} />}
        {list.error && <ErrorAlert error={list.error} />}
        {list.data?.length === 0 && <Text size="sm" c="dimmed">{t('tracker.noCampaigns')}</Text>}
        {!!list.data?.length && (
          <Table fz="xs" verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('tracker.campaignName')}</Table.Th>
                <Table.Th>{t('tracker.link')}</Table.Th>
                <Table.Th>{t('tracker.trackerTemplate')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>{c.name}<Text size="10px" c="dimmed">{c.code} · @{c.username.replace(/^@/, '')}</Text></Table.Td>
                  <Table.Td style={{ wordBreak: 'break-all' }}><Code fz="xs">{c.link}</Code>{copy(c.link)}</Table.Td>
                  <Table.Td style={{ wordBreak: 'break-all' }}><Code fz="xs">{c.trackerTemplate}</Code>{copy(c.trackerTemplate)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Paper>
  );
}
