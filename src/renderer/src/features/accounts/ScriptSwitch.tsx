import { Select, Stack, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { AccountView } from '../../../../shared/rpc/accounts';
import { toastFailed, toastSaved } from '../../lib/operatorToasts';
import { callRpc, useRpcQuery } from '../../rpc/hooks';
import { scriptOptions } from './scriptOptions';

/** The account's name as the operator knows it. */
export function accountName(account: AccountView): string {
  return account.displayName ?? (account.username ? `@${account.username}` : null) ?? account.phone ?? `#${account.id}`;
}

/**
 * The script an account runs. Switching asks first and says what happens: new chats take the new
 * script, existing leads keep the one they started with (counted per script). Only a published
 * script can be picked.
 */
export function ScriptSwitch({ account }: { account: AccountView }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const scripts = useRpcQuery('scripts.list', {});
  const options = scriptOptions(t, scripts.data);

  const ask = async (value: string | null): Promise<void> => {
    const to = value ? Number(value) : null;
    if (to === account.scriptId) return;
    let leads: Awaited<ReturnType<typeof callRpc<'scripts.accountLeads'>>>;
    try {
      leads = await callRpc('scripts.accountLeads', { accountId: account.id });
    } catch (e) {
      toastFailed(t, e);
      return;
    }
    const target = scripts.data?.find((s) => s.id === to);
    const name = accountName(account);
    modals.openConfirmModal({
      title: t('desk.switchTitle', { account: name }),
      children: (
        <Stack gap="xs" data-testid="switch-script-impact">
          <Text size="sm">{target ? t('desk.switchTo', { to: target.name }) : t('desk.switchToNone')}</Text>
          {leads.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('desk.noExistingLeads')}
            </Text>
          )}
          {leads.map((row) => (
            <Text key={row.scriptId ?? 'none'} size="sm">
              {row.scriptId === null ? t('desk.existingLeadsNoScript', { n: row.leads }) : t('desk.existingLeads', { script: row.scriptName ?? `#${row.scriptId}`, n: row.leads, active: row.active })}
            </Text>
          ))}
        </Stack>
      ),
      labels: { confirm: t('desk.switchConfirm'), cancel: t('common.cancel') },
      confirmProps: { 'data-testid': 'switch-script-confirm' } as Record<string, string>,
      onConfirm: () =>
        void callRpc('accounts.update', { id: account.id, scriptId: to })
          .then(async () => {
            await client.invalidateQueries({ queryKey: ['accounts.list'] });
            await client.invalidateQueries({ queryKey: ['scripts.list'] });
            toastSaved(t, t('desk.scriptSwitched', { account: name }));
          })
          .catch((e: unknown) => toastFailed(t, e)),
    });
  };

  return (
    <Select
      size="xs"
      // Narrow in the table (it must fit at 1024 px with the health column); the list opens wide.
      w={120}
      comboboxProps={{ width: 280, position: 'bottom-end' }}
      clearable
      placeholder={t('accounts.noScript')}
      data={options}
      value={account.scriptId != null ? String(account.scriptId) : null}
      onChange={(v) => void ask(v)}
      data-testid={`account-script-${account.id}`}
    />
  );
}
