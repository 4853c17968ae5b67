// The charts' styles load with the statistics page, not before the app's first paint.
import '@mantine/charts/styles.css';
import { Group, ScrollArea, SegmentedControl, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconChartBar } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Script } from '../../../../shared/script';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { SectionEmptyState } from '../../components/SectionEmptyState';
import { fromDateInput, toDateInput } from '../../lib/format';
import { useRpcQuery } from '../../rpc/hooks';
import { AbRouterStats } from './AbRouterStats';
import { AiUsageByDay, EventsByDay } from './DailyStats';
import { FunnelStats } from './FunnelStats';
import type { StatsScope } from './statsScope';
import { TrackerFunnel } from './TrackerFunnel';

const day = 86_400_000;
const presets = { d7: 7, d30: 30, d90: 90 } as const;

/**
 * A/B per router, the step funnel, the tracker funnel, events and AI spend per day. Every block gets
 * the same scope (script, account, period), so every figure follows the filters. The first script
 * shown is the one with the latest activity.
 */
export function StatsPage() {
  const { t } = useTranslation();
  const scripts = useRpcQuery('scripts.list', {});
  const accounts = useRpcQuery('accounts.list', {});
  const active = useRpcQuery('stats.defaultScript', {});
  const [scriptId, setScriptId] = useState<number | null>(null);
  const [accountId, setAccountId] = useState<number | null>(null);
  const [fromText, setFromText] = useState(() => toDateInput(Date.now() - 29 * day));
  const [toText, setToText] = useState(() => toDateInput(Date.now()));
  const from = fromDateInput(fromText);
  const to = fromDateInput(toText, true);
  const fallback = active.data?.scriptId != null && scripts.data?.some((s) => s.id === active.data?.scriptId) ? active.data.scriptId : (scripts.data?.[0]?.id ?? null);
  const current = scriptId ?? (active.isLoading ? null : fallback);
  const script = useRpcQuery('scripts.get', { id: current ?? 0 }, { enabled: current !== null });
  const flows = useMemo(() => ((script.data?.body ?? null) as Script | null)?.flows ?? [], [script.data]);
  const scope: StatsScope | null = current === null ? null : { scriptId: current, accountId, from, to };
  const ab = useRpcQuery('stats.ab', scope ?? { scriptId: 0, accountId: null, from, to }, { enabled: scope !== null });
  // The preset button stays lit until a date is edited by hand.
  const [preset, setPreset] = useState<string>('d30');

  if (scripts.isLoading || active.isLoading) return <LoadingState />;
  if (scripts.error)
    return (
      <Stack p="xl">
        <ErrorAlert error={scripts.error} />
      </Stack>
    );
  if (!scripts.data?.length) return <SectionEmptyState section="stats" icon={<IconChartBar size={36} stroke={1.5} />} />;

  return (
    <ScrollArea h="100%">
      <Stack p={{ base: 'md', xl: 'xl' }} gap="lg" data-testid="stats">
        <Group justify="space-between" align="flex-end" gap="sm">
          <Title order={2}>{t('stats.title')}</Title>
          <Group gap="xs" align="flex-end">
            <Select
              label={t('inbox.script')}
              w={240}
              data={scripts.data.map((s) => ({ value: String(s.id), label: s.name }))}
              value={current !== null ? String(current) : null}
              onChange={(v) => v && setScriptId(Number(v))}
              data-testid="stats-script"
            />
            <Select
              label={t('stats.account')}
              w={180}
              data={[{ value: '', label: t('stats.allAccounts') }, ...(accounts.data ?? []).map((a) => ({ value: String(a.id), label: a.displayName || (a.username && `@${a.username}`) || a.phone || `#${a.id}` }))]}
              value={accountId === null ? '' : String(accountId)}
              onChange={(v) => setAccountId(v ? Number(v) : null)}
              allowDeselect={false}
              data-testid="stats-account"
            />
            <TextInput type="date" w={150} label={t('stats.from')} value={fromText} max={toText} onChange={(e) => { if (e.currentTarget.value) { setFromText(e.currentTarget.value); setPreset(''); } }} data-testid="stats-from" />
            <TextInput type="date" w={150} label={t('stats.to')} value={toText} min={fromText} onChange={(e) => { if (e.currentTarget.value) { setToText(e.currentTarget.value); setPreset(''); } }} data-testid="stats-to" />
            <SegmentedControl
              size="xs"
              value={preset}
              onChange={(key) => {
                const n = presets[key as keyof typeof presets];
                setPreset(key);
                setFromText(toDateInput(Date.now() - (n - 1) * day));
                setToText(toDateInput(Date.now()));
              }}
              data={Object.keys(presets).map((key) => ({ value: key, label: t(`stats.periodPreset.${key as keyof typeof presets}`) }))}
              data-testid="stats-preset"
            />
          </Group>
        </Group>
        {scope && (
          <>
            <Title order={4}>{t('stats.abTitle')}</Title>
            {ab.isLoading && <LoadingState />}
            {ab.error && <ErrorAlert error={ab.error} />}
            {ab.data?.length === 0 && (
              <Text size="sm" c="dimmed">
                {t('stats.noRouters')}
              </Text>
            )}
            {ab.data?.map((router) => <AbRouterStats key={router.routerId} router={router} />)}
            {flows.length > 0 && <FunnelStats key={scope.scriptId} scope={scope} flows={flows} />}
            <TrackerFunnel scope={scope} />
            <EventsByDay scope={scope} />
            <AiUsageByDay scope={scope} />
          </>
        )}
      </Stack>
    </ScrollArea>
  );
}
