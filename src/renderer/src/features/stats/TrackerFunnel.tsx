import { SegmentedControl, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TrackerFunnelRow } from '../../../../shared/rpc/stats';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { downloadCsv } from '../../lib/csv';
import { formatNumber, formatPercent } from '../../lib/format';
import { useRpcQuery } from '../../rpc/hooks';
import { StatsCard } from './StatsCard';
import type { StatsScope } from './statsScope';

const stages = ['dialogs', 'registrations', 'firstDeposits', 'reDeposits'] as const;

/** A count and its conversion from the previous stage. */
function StageCell({ value, previous }: { value: number; previous: number | null }) {
  return (
    <div>
      <Text size="sm">{formatNumber(value)}</Text>
      {previous !== null && (
        <Text size="xs" c="dimmed">
          {previous > 0 ? formatPercent(value / previous) : '—'}
        </Text>
      )}
    </div>
  );
}

/** Dialogs → registrations → first deposits → re-deposits and revenue, per campaign and source or per A/B variant. */
export function TrackerFunnel({ scope }: { scope: StatsScope }) {
  const { t } = useTranslation();
  const [by, setBy] = useState<'campaign' | 'variant'>('campaign');
  const query = useRpcQuery('stats.trackerFunnel', { ...scope, by });
  const rows = query.data ?? [];
  const groupLabel = (r: TrackerFunnelRow): string => (by === 'campaign' ? r.group || t('stats.noCampaign') : r.group);
  const subLabel = (r: TrackerFunnelRow): string =>
    by === 'campaign' ? t(`stats.sources.${(r.sub || 'none') as 'campaign' | 'campaign-direct' | 'organic' | 'none'}`, { defaultValue: r.sub }) : r.sub;
  const total = rows.reduce(
    (acc, r) => ({ ...acc, dialogs: acc.dialogs + r.dialogs, registrations: acc.registrations + r.registrations, firstDeposits: acc.firstDeposits + r.firstDeposits, reDeposits: acc.reDeposits + r.reDeposits, revenue: acc.revenue + r.revenue }),
    { group: t('stats.total'), sub: '', dialogs: 0, registrations: 0, firstDeposits: 0, reDeposits: 0, revenue: 0 },
  );
  const line = (r: TrackerFunnelRow, key: string, label: [string, string], strong = false) => (
    <Table.Tr key={key} fw={strong ? 600 : undefined}>
      <Table.Td>
        <Text size="sm" fw={strong ? 600 : undefined} truncate title={label[0]}>
          {label[0]}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" truncate title={label[1]}>
          {label[1]}
        </Text>
      </Table.Td>
      {stages.map((s, i) => (
        <Table.Td key={s}>
          <StageCell value={r[s]} previous={i === 0 ? null : r[stages[i - 1] ?? 'dialogs']} />
        </Table.Td>
      ))}
      <Table.Td>{formatNumber(r.revenue, 2)}</Table.Td>
    </Table.Tr>
  );
  return (
    <StatsCard
      title={t('stats.trackerFunnel')}
      subtitle={t('stats.trackerHint')}
      testId="tracker-funnel"
      onCsv={rows.length ? () => downloadCsv(`tracker-funnel-${by}.csv`, rows, [
        { header: by === 'campaign' ? 'campaign' : 'ab_test', value: (r) => groupLabel(r) },
        { header: by === 'campaign' ? 'source' : 'variant', value: (r) => subLabel(r) },
        ...stages.map((s) => ({ header: s, value: (r: TrackerFunnelRow) => r[s] })),
        { header: 'registration_rate', value: (r) => (r.dialogs ? r.registrations / r.dialogs : '') },
        { header: 'first_deposit_rate', value: (r) => (r.registrations ? r.firstDeposits / r.registrations : '') },
        { header: 're_deposit_rate', value: (r) => (r.firstDeposits ? r.reDeposits / r.firstDeposits : '') },
        { header: 'revenue', value: (r) => r.revenue },
      ]) : undefined}
    >
      <SegmentedControl
        size="xs"
        w="fit-content"
        value={by}
        onChange={(v) => setBy(v as 'campaign' | 'variant')}
        data={[
          { value: 'campaign', label: t('stats.byCampaign') },
          { value: 'variant', label: t('stats.byVariant') },
        ]}
        data-testid="tracker-funnel-by"
      />
      {query.isLoading && <LoadingState />}
      {query.error && <ErrorAlert error={query.error} />}
      {query.data && rows.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('stats.noData')}
        </Text>
      )}
      {rows.length > 0 && (
        <Table verticalSpacing={4} horizontalSpacing="xs" fz="sm" layout="fixed" data-testid="tracker-funnel-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w="18%">{by === 'campaign' ? t('stats.campaign') : t('stats.router')}</Table.Th>
              <Table.Th w="16%">{by === 'campaign' ? t('stats.source') : t('stats.variant')}</Table.Th>
              <Table.Th>{t('stats.dialogs')}</Table.Th>
              <Table.Th>{t('stats.registrations')}</Table.Th>
              <Table.Th>{t('stats.firstDeposits')}</Table.Th>
              <Table.Th>{t('stats.reDeposits')}</Table.Th>
              <Table.Th>{t('stats.revenue')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r, i) => line(r, String(i), [groupLabel(r), subLabel(r)]))}
            {by === 'campaign' && rows.length > 1 && line(total, 'total', [t('stats.total'), ''], true)}
          </Table.Tbody>
        </Table>
      )}
    </StatsCard>
  );
}
