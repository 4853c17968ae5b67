import { ActionIcon, Badge, Button, Group, Menu, Modal, Stack, Switch, Table, Text, Tooltip } from '@mantine/core';
import { errorText } from '../../lib/messageText';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconDots } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountView } from '../../../../shared/rpc/accounts';
import { callRpc } from '../../rpc/hooks';
import { formatDateTime } from '../../lib/format';
import { DeviceProfileModal } from './DeviceProfileModal';
import { ExportAccountModal } from './ExportAccountModal';
import { HumanSettingsModal } from './HumanSettingsModal';
import { ScriptSwitch } from './ScriptSwitch';
import { toastSaved } from '../../lib/operatorToasts';
import { emptyProxy, ProxyFields, toProxyInput, type ProxyDraft } from './ProxyFields';

const statusColors: Record<AccountView['status'], string> = {
  needs_login: 'orange',
  connecting: 'blue',
  online: 'teal',
  offline: 'gray',
  flood_limited: 'yellow',
  banned: 'red',
  disabled: 'gray',
};

/** Status reasons are Telegram error names (FLOOD_WAIT_30 counts as FLOOD_WAIT); the texts say them in plain words. */
function reasonKey(reason: string): string {
  return /^FLOOD_WAIT/.test(reason) ? 'FLOOD_WAIT' : reason;
}

/** One account: status with its reason, the script it runs, on/off, proxy, remove. */
export function AccountRow({ account }: { account: AccountView }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [proxyOpen, setProxyOpen] = useState(false);
  const [humanOpen, setHumanOpen] = useState(false);
  const [deviceOpen, setDeviceOpen] = useState(false);
  const [exportOpen, setExportOpen] = useState(false);
  const limited = account.status === 'flood_limited' && account.statusReason === 'PEER_FLOOD';
  const resume = (): void => {
    callRpc('accounts.resumeSending', { id: account.id })
      .then(() => client.invalidateQueries({ queryKey: ['accounts.list'] }))
      .catch((e: unknown) => notifications.show({ color: 'red', title: t('accounts.actionFailed'), message: errorText(t, e) }));
  };
  const [proxy, setProxy] = useState<ProxyDraft>(emptyProxy);
  const update = async (patch: Omit<Parameters<typeof callRpc<'accounts.update'>>[1], 'id'>): Promise<void> => {
    try {
      await callRpc('accounts.update', { id: account.id, ...patch });
      await client.invalidateQueries({ queryKey: ['accounts.list'] });
      toastSaved(t);
    } catch (e) {
      notifications.show({ color: 'red', title: t('accounts.actionFailed'), message: errorText(t, e) });
    }
  };
  const openProxy = (): void => {
    const p = account.proxy;
    setProxy(p ? { ...emptyProxy, type: p.type, host: p.host, port: p.port, username: p.type === 'socks5' ? (p.username ?? '') : '' } : emptyProxy);
    setProxyOpen(true);
  };
  const logOut = (): void => {
    modals.openConfirmModal({
      title: t('accountsImport.logOutTitle'),
      children: t('accountsImport.logOutBody'),
      labels: { confirm: t('accountsImport.logOut'), cancel: t('common.cancel') },
      confirmProps: { color: 'orange' },
      onConfirm: () => void callRpc('accounts.logOut', { id: account.id }).then(() => client.invalidateQueries({ queryKey: ['accounts.list'] })),
    });
  };
  const remove = (): void => {
    modals.openConfirmModal({
      title: t('accounts.removeTitle'),
      children: t('accounts.removeBody'),
      labels: { confirm: t('common.delete'), cancel: t('common.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: () => void callRpc('accounts.remove', { id: account.id }).then(() => client.invalidateQueries({ queryKey: ['accounts.list'] })),
    });
  };
  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm" fw={600}>
          {account.displayName ?? account.username ?? account.phone ?? `#${account.id}`}
        </Text>
        <Text size="xs" c="dimmed">
          {[account.phone, account.username && `@${account.username}`].filter(Boolean).join(' · ')}
        </Text>
        {/* The proxy lives here, not in a column of its own, so the health column stays readable at 1024 px. */}
        <Text size="xs" c="dimmed" data-testid="account-proxy">
          {t('accounts.proxy')}: {account.proxy ? `${account.proxy.type} ${account.proxy.host}:${account.proxy.port}` : '—'}
        </Text>
      </Table.Td>
      <Table.Td miw={110}>
        <Tooltip label={account.statusReason ?? ''} disabled={!account.statusReason}>
          <Badge color={statusColors[account.status]} variant="light">
            {t(`accounts.status.${account.status}`)}
          </Badge>
        </Tooltip>
        {limited ? (
          <Stack gap={4} maw={320} data-testid="account-limited">
            <Text size="xs" fw={600}>
              {t('tg.limited.title')}
            </Text>
            <Text size="xs" c="dimmed">
              {t('tg.limited.body', { until: account.floodUntil ? formatDateTime(account.floodUntil) : '—' })}
            </Text>
            <Button size="compact-xs" variant="light" w="fit-content" onClick={resume}>
              {t('tg.limited.resume')}
            </Button>
          </Stack>
        ) : account.status === 'flood_limited' && account.floodUntil ? (
          <Text size="10px" c="dimmed" maw={220}>
            {t('tg.limited.floodWait', { until: formatDateTime(account.floodUntil) })}
          </Text>
        ) : (
          account.statusReason && (
            <Text size="10px" c="dimmed" maw={220} truncate data-testid="status-reason">
              {t(`accountsImport.reason.${reasonKey(account.statusReason)}`, { defaultValue: account.statusReason })}
            </Text>
          )
        )}
      </Table.Td>
      <Table.Td>
        <Stack gap={0} miw={220} data-testid="account-health">
          <Text size="xs">{t('accountsImport.health.messages', { count: account.activity.messages24h, cap: account.human.messagesPerMinute })}</Text>
          <Text size="xs" c={account.activity.newChats24h >= account.human.newChatsPerDay ? 'red' : undefined}>
            {t('accountsImport.health.newChats', { count: account.activity.newChats24h, cap: account.human.newChatsPerDay })}
          </Text>
          <Text size="xs" c="dimmed">
            {t('accountsImport.health.device', { device: `${account.device.deviceModel} · ${account.device.systemVersion} · ${account.device.appVersion} · ${account.device.langCode}` })}
            {account.apiId !== null ? ` · API ${account.apiId}` : ''}
          </Text>
        </Stack>
      </Table.Td>
      <Table.Td>
        <ScriptSwitch account={account} />
      </Table.Td>
      <Table.Td>
        <Switch checked={account.enabled} onChange={(e) => void update({ enabled: e.currentTarget.checked })} aria-label={t('accounts.enabled')} />
      </Table.Td>
      <Table.Td>
        <Menu position="bottom-end">
          <Menu.Target>
            <ActionIcon variant="subtle" color="gray" aria-label={t('common.actions')}>
              <IconDots size={16} />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item onClick={openProxy}>{t('accounts.editProxy')}</Menu.Item>
            <Menu.Item onClick={() => setHumanOpen(true)}>{t('accounts.human.title')}</Menu.Item>
            <Menu.Item onClick={() => setDeviceOpen(true)}>{t('tg.device.menu')}</Menu.Item>
            <Menu.Item onClick={() => setExportOpen(true)} disabled={!account.hasSession} data-testid="account-export">
              {t('accountsImport.export.menu')}
            </Menu.Item>
            <Menu.Item onClick={logOut} disabled={!account.hasSession}>
              {t('accountsImport.logOut')}
            </Menu.Item>
            <Menu.Item color="red" onClick={remove}>
              {t('accounts.remove')}
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
        {humanOpen && (
          <HumanSettingsModal
            opened
            initial={account.human}
            onClose={() => setHumanOpen(false)}
            onSave={(human) => {
              setHumanOpen(false);
              void update({ human });
            }}
          />
        )}
        {exportOpen && <ExportAccountModal accountId={account.id} onClose={() => setExportOpen(false)} />}
        {deviceOpen && (
          <DeviceProfileModal
            initial={account.device}
            onClose={() => setDeviceOpen(false)}
            onSave={(device) => {
              setDeviceOpen(false);
              void update({ device });
            }}
          />
        )}
        <Modal opened={proxyOpen} onClose={() => setProxyOpen(false)} title={t('accounts.editProxy')}>
          <Stack>
            <ProxyFields value={proxy} onChange={setProxy} />
            <Group justify="flex-end">
              <Button
                onClick={() => {
                  setProxyOpen(false);
                  void update({ proxy: toProxyInput(proxy) });
                }}
              >
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </Modal>
      </Table.Td>
    </Table.Tr>
  );
}
