import { Button, Group, Paper, ScrollArea, Stack, Table, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { IconFileImport, IconPlus, IconUsers } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { isUnavailable, NotAvailable } from '../../components/NotAvailable';
import { SectionEmptyState } from '../../components/SectionEmptyState';
import { useRpcEvent, useRpcQuery } from '../../rpc/hooks';
import { AccountRow } from './AccountRow';
import { ImportWizard } from './ImportWizard';
import { LoginWizard } from './LoginWizard';

/** Telegram accounts: log in (phone/code/2FA or session), status, script, proxy, on/off. */
export function AccountsPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const accounts = useRpcQuery('accounts.list', {});
  const [wizard, setWizard] = useState(false);
  const [importing, setImporting] = useState(false);
  useRpcEvent('accounts.status', () => void client.invalidateQueries({ queryKey: ['accounts.list'] }));
  const unavailable = isUnavailable(accounts.error);

  return (
    <Stack p="xl" gap="lg" h="100%">
      <Group justify="space-between">
        <Title order={2}>{t('accounts.title')}</Title>
        <Group gap="xs">
          <Button variant="light" leftSection={<IconFileImport size={16} />} onClick={() => setImporting(true)} disabled={unavailable} data-testid="import-accounts">
            {t('accountsImport.importAccounts')}
          </Button>
          <Button leftSection={<IconPlus size={16} />} onClick={() => setWizard(true)} disabled={unavailable} data-testid="add-account">
            {t('accounts.addAccount')}
          </Button>
        </Group>
      </Group>
      {accounts.isLoading && <LoadingState />}
      {unavailable && <NotAvailable testId="accounts-unavailable" />}
      {accounts.error && !unavailable && <ErrorAlert error={accounts.error} />}
      {(unavailable || accounts.data?.length === 0) && <SectionEmptyState section="accounts" icon={<IconUsers size={36} stroke={1.5} />} />}
      {!!accounts.data?.length && (
        <Paper withBorder radius="md" style={{ flex: 1, minHeight: 0 }}>
          <ScrollArea h="100%">
            <Table verticalSpacing="sm" data-testid="account-list">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('accounts.account')}</Table.Th>
                  <Table.Th>{t('accounts.statusLabel')}</Table.Th>
                  <Table.Th>{t('accountsImport.health.title')}</Table.Th>
                  <Table.Th>{t('accounts.script')}</Table.Th>
                  <Table.Th>{t('accounts.enabled')}</Table.Th>
                  <Table.Th w={48} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {accounts.data.map((a) => (
                  <AccountRow key={a.id} account={a} />
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea>
        </Paper>
      )}
      <LoginWizard opened={wizard} onClose={() => setWizard(false)} />
      {importing && <ImportWizard opened onClose={() => setImporting(false)} />}
    </Stack>
  );
}
