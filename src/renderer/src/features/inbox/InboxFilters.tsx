import { ActionIcon, Autocomplete, Badge, Button, Collapse, Group, Select, Stack, Switch, TextInput, Tooltip } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconAdjustmentsHorizontal, IconBell, IconSearch, IconX } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { leadStatuses } from '../../../../shared/leadStatus';
import type { Script } from '../../../../shared/script';
import { useRpcQuery } from '../../rpc/hooks';
import { useInboxFilters } from './inboxStore';
import { TagOption, useKnownTags } from './knownTags';

function useFlowOptions(scriptId: number | undefined) {
  const script = useRpcQuery('scripts.get', { id: scriptId ?? 0 }, { enabled: scriptId !== undefined });
  return useMemo(() => {
    const body = (script.data?.body ?? null) as Script | null;
    return body?.flows ?? [];
  }, [script.data]);
}

/** Search, status and unread at hand; account, script/flow/step, tag and event one click away. */
export function InboxFilters() {
  const { t } = useTranslation();
  const { filters, set, reset } = useInboxFilters();
  const [more, setMore] = useState(false);
  // The extra filters (six dropdowns) are built when first opened, not for the inbox's first paint.
  const [moreBuilt, setMoreBuilt] = useState(false);
  const [search, setSearch] = useState(filters.search ?? '');
  const pushSearch = useDebouncedCallback((value: string) => set({ search: value.trim() || undefined }), 300);
  const scripts = useRpcQuery('scripts.list', {});
  const accounts = useRpcQuery('accounts.list', {}, { enabled: more });
  const flows = useFlowOptions(filters.scriptId);
  const tags = useKnownTags();
  const flow = flows.find((f) => f.id === filters.flowId);
  const extra = ['accountId', 'scriptId', 'flowId', 'stepId', 'tag', 'event'].filter((k) => k in filters).length;
  const [permission, setPermission] = useState(typeof Notification === 'undefined' ? 'denied' : Notification.permission);

  return (
    <Stack gap={6} p="sm" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }} data-testid="inbox-filters">
      <Group gap={4} wrap="nowrap">
        <TextInput
          size="xs"
          style={{ flex: 1 }}
          leftSection={<IconSearch size={14} />}
          placeholder={t('inbox.search')}
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            pushSearch(e.currentTarget.value);
          }}
          data-testid="inbox-search"
        />
        <Tooltip label={t('inbox.moreFilters')}>
          <ActionIcon variant={more || extra ? 'light' : 'default'} size="md" onClick={() => (setMore((m) => !m), setMoreBuilt(true))} aria-label={t('inbox.moreFilters')} data-testid="inbox-more-filters">
            <IconAdjustmentsHorizontal size={16} />
          </ActionIcon>
        </Tooltip>
        {permission === 'default' && (
          <Tooltip label={t('inbox.enableNotifications')}>
            <ActionIcon variant="default" size="md" onClick={() => void Notification.requestPermission().then(setPermission)} aria-label={t('inbox.enableNotifications')}>
              <IconBell size={16} />
            </ActionIcon>
          </Tooltip>
        )}
      </Group>
      <Group gap={4} wrap="nowrap">
        <Select
          size="xs"
          style={{ flex: 1 }}
          placeholder={t('inbox.anyStatus')}
          clearable
          data={leadStatuses.map((s) => ({ value: s, label: t(`status.${s}`) }))}
          value={filters.status ?? null}
          onChange={(v) => set({ status: (v ?? undefined) as typeof filters.status })}
          data-testid="inbox-status"
        />
        <Switch size="xs" label={t('inbox.unreadOnly')} checked={!!filters.unreadOnly} onChange={(e) => set({ unreadOnly: e.currentTarget.checked || undefined })} data-testid="inbox-unread" />
        {extra > 0 && (
          <Badge size="sm" variant="light" rightSection={<IconX size={10} style={{ cursor: 'pointer' }} onClick={() => (reset(), setSearch(''))} />}>
            +{extra}
          </Badge>
        )}
      </Group>
      <Collapse expanded={more}>
        {moreBuilt && (
          <Stack gap={6}>
            <Select
              size="xs"
              label={t('inbox.account')}
              placeholder={accounts.error ? t('inbox.accountsUnavailable') : t('common.all')}
              clearable
              disabled={!!accounts.error}
              data={(accounts.data ?? []).map((a) => ({ value: String(a.id), label: a.displayName ?? a.username ?? a.phone ?? `#${a.id}` }))}
              value={filters.accountId !== undefined ? String(filters.accountId) : null}
              onChange={(v) => set({ accountId: v ? Number(v) : undefined })}
            />
            <Select
              size="xs"
              label={t('inbox.script')}
              placeholder={t('common.all')}
              clearable
              data={(scripts.data ?? []).map((s) => ({ value: String(s.id), label: s.name }))}
              value={filters.scriptId !== undefined ? String(filters.scriptId) : null}
              onChange={(v) => set({ scriptId: v ? Number(v) : undefined, flowId: undefined, stepId: undefined })}
            />
            <Group gap={4} grow>
              <Select
                size="xs"
                label={t('inbox.flow')}
                placeholder={t('common.all')}
                clearable
                disabled={!flows.length}
                data={flows.map((f) => ({ value: f.id, label: f.name }))}
                value={filters.flowId ?? null}
                onChange={(v) => set({ flowId: v ?? undefined, stepId: undefined })}
              />
              <Select
                size="xs"
                label={t('inbox.step')}
                placeholder={t('common.all')}
                clearable
                searchable
                disabled={!flow}
                data={(flow?.steps ?? []).map((s) => ({ value: s.id, label: s.title || s.id }))}
                value={filters.stepId ?? null}
                onChange={(v) => set({ stepId: v ?? undefined })}
              />
            </Group>
            <Group gap={4} grow>
              <Autocomplete
                size="xs"
                label={t('inbox.tag')}
                data={tags.names}
                renderOption={({ option }) => <TagOption option={option} tags={tags.tags} />}
                value={filters.tag ?? ''}
                onChange={(v) => set({ tag: v || undefined })}
                data-testid="inbox-tag"
              />
              <Autocomplete
                size="xs"
                label={t('inbox.event')}
                data={['registration', 'sale', 'resale']}
                value={filters.event ?? ''}
                onChange={(v) => set({ event: v || undefined })}
              />
            </Group>
            <Button size="compact-xs" variant="subtle" color="gray" onClick={() => (reset(), setSearch(''))}>
              {t('inbox.resetFilters')}
            </Button>
          </Stack>
        )}
      </Collapse>
    </Stack>
  );
}
