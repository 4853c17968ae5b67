import { Group, ScrollArea, Select, Stack, Text, TextInput, Title } from '@mantine/core';
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

const day = 86_400_000;

/** A/B per router, the step funnel, events and AI spend per day, for a script and a date range. */
export function StatsPage() {
  const { t } = useTranslation();
  const scripts = useRpcQuery('scripts.list', {});
  const [scriptId, setScriptId] = useState<number | null>(null);
  const [fromText, setFromText] = useState(() => toDateInput(Date.now() - 29 * day));
  const [toText, setToText] = useState(() => toDateInput(Date.now()));
  const from = fromDateInput(fromText);
  const to = fromDateInput(toText, true);
  const current = scriptId ?? scripts.data?.[0]?.id ?? null;
  const script = useRpcQuery('scripts.get', { id: current ?? 0 }, { enabled: current !== null });
  const flows = useMemo(() => ((script.data?.body ?? null) as Script | null)?.flows ?? [], [script.data]);
  const ab = useRpcQuery('stats.ab', { scriptId: current ?? 0, from, to }, { enabled: current !== null });

  if (scripts.isLoading) return <LoadingState />;
  if (scripts.error)
    return (
      <Stack p="xl">
        <ErrorAlert error={scripts.error} />
      </Stack>
    );
  if (!scripts.data?.length) return <SectionEmptyState section="stats" icon={<IconChartBar size={36} stroke={1.5} />} />;

  return (
    <ScrollArea h="100%">
      <Stack p="xl" gap="lg" data-testid="stats">
        <Group justify="space-between" align="flex-end">
          <Title order={2}>{t('stats.title')}</Title>
          <Group gap="xs" align="flex-end">
            <Select
              label={t('inbox.script')}
              w={260}
              data={scripts.data.map((s) => ({ value: String(s.id), label: s.name }))}
              value={current !== null ? String(current) : null}
              onChange={(v) => v && setScriptId(Number(v))}
              data-testid="stats-script"
            />
            <TextInput type="date" label={t('stats.from')} value={fromText} max={toText} onChange={(e) => e.currentTarget.value && setFromText(e.currentTarget.value)} data-testid="stats-from" />
            <TextInput type="date" label={t('stats.to')} value={toText} min={fromText} onChange={(e) => e.currentTarget.value && setToText(e.currentTarget.value)} data-testid="stats-to" />
          </Group>
        </Group>
        <Title order={4}>{t('stats.abTitle')}</Title>
        {ab.isLoading && <LoadingState />}
        {ab.error && <ErrorAlert error={ab.error} />}
        {ab.data?.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('stats.noRouters')}
          </Text>
        )}
        {ab.data?.map((router) => <AbRouterStats key={router.routerId} router={router} />)}
        {current !== null && flows.length > 0 && <FunnelStats key={current} scriptId={current} flows={flows} from={from} to={to} />}
        <EventsByDay from={from} to={to} />
        <AiUsageByDay from={from} to={to} />
      </Stack>
    </ScrollArea>
  );
}
