import { BarChart, LineChart } from '@mantine/charts';
import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { downloadCsv } from '../../lib/csv';
import { formatDay, formatMoney } from '../../lib/format';
import { useRpcQuery } from '../../rpc/hooks';
import { StatsCard } from './StatsCard';
import type { StatsScope } from './statsScope';

const timezone = Intl.DateTimeFormat().resolvedOptions().timeZone;
const palette = ['teal.5', 'orange.5', 'red.5', 'blue.5', 'grape.5', 'lime.6'];

/** New leads, and leads with each business event, per day (days in the UI language). */
export function EventsByDay({ scope }: { scope: StatsScope }) {
  const { t } = useTranslation();
  const query = useRpcQuery('stats.eventsByDay', { ...scope, timezone });
  const rows = query.data ?? [];
  const names = [...new Set(rows.flatMap((r) => Object.keys(r.events)))];
  const label = (name: string): string => t(`events.${name}`, { defaultValue: name });
  const chart = rows.map((r) => ({ day: formatDay(r.day), [t('stats.newLeads')]: r.newLeads, ...Object.fromEntries(names.map((n) => [label(n), r.events[n] ?? 0])) }));
  return (
    <StatsCard
      title={t('stats.eventsByDay')}
      testId="events-by-day"
      onCsv={rows.length ? () => downloadCsv('events-by-day.csv', rows, [
        { header: 'day', value: (r) => r.day },
        { header: 'new_leads', value: (r) => r.newLeads },
        ...names.map((n) => ({ header: n, value: (r: (typeof rows)[number]) => r.events[n] ?? 0 })),
        { header: 'amount', value: (r) => r.amount },
      ]) : undefined}
    >
      {query.isLoading && <LoadingState />}
      {query.error && <ErrorAlert error={query.error} />}
      {query.data && rows.length === 0 && <Text size="sm" c="dimmed">{t('stats.noData')}</Text>}
      {rows.length > 0 && (
        <BarChart
          h={220}
          data={chart}
          dataKey="day"
          series={[{ name: t('stats.newLeads'), color: 'violet.4' }, ...names.map((n, i) => ({ name: label(n), color: palette[i % palette.length] ?? 'gray.5' }))]}
          withLegend
        />
      )}
    </StatsCard>
  );
}

/** AI calls, tokens and cost per day, for this script's leads. */
export function AiUsageByDay({ scope }: { scope: StatsScope }) {
  const { t } = useTranslation();
  const query = useRpcQuery('stats.aiByDay', { ...scope, timezone });
  const rows = query.data ?? [];
  const total = rows.reduce((sum, r) => sum + r.costUsd, 0);
  const chart = rows.map((r) => ({ day: formatDay(r.day), [t('stats.tokensIn')]: r.tokensIn, [t('stats.tokensOut')]: r.tokensOut, [t('stats.cost')]: +r.costUsd.toFixed(4) }));
  return (
    <StatsCard
      title={t('stats.aiUsage')}
      subtitle={rows.length ? t('stats.aiTotal', { cost: formatMoney(total) }) : undefined}
      testId="ai-usage"
      onCsv={rows.length ? () => downloadCsv('ai-usage.csv', rows, [
        { header: 'day', value: (r) => r.day },
        { header: 'calls', value: (r) => r.calls },
        { header: 'tokens_in', value: (r) => r.tokensIn },
        { header: 'tokens_out', value: (r) => r.tokensOut },
        { header: 'cost_usd', value: (r) => r.costUsd },
      ]) : undefined}
    >
      {query.isLoading && <LoadingState />}
      {query.error && <ErrorAlert error={query.error} />}
      {query.data && rows.length === 0 && <Text size="sm" c="dimmed">{t('stats.noData')}</Text>}
      {rows.length > 0 && (
        <LineChart
          h={220}
          data={chart}
          dataKey="day"
          withRightYAxis
          series={[
            { name: t('stats.tokensIn'), color: 'violet.5' },
            { name: t('stats.tokensOut'), color: 'teal.5' },
            { name: t('stats.cost'), color: 'orange.6', yAxisId: 'right' },
          ]}
          withLegend
        />
      )}
    </StatsCard>
  );
}
