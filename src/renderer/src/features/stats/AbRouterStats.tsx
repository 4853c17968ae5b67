import { BarChart } from '@mantine/charts';
import { Alert, Badge, Table, Text } from '@mantine/core';
import { IconHourglassLow } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { AbRouterStats as Router } from '../../../../shared/rpc/stats';
import { downloadCsv } from '../../lib/csv';
import { formatNumber, formatPercent } from '../../lib/format';
import { StatsCard } from './StatsCard';

type Variant = Router['variants'][number];
type Metric = 'replyRate' | 'registrationRate' | 'depositRate';
const metrics: { key: Metric; count: (v: Variant) => number; label: 'replied' | 'registrations' | 'firstDeposits' }[] = [
  { key: 'replyRate', count: (v) => v.replied, label: 'replied' },
  { key: 'registrationRate', count: (v) => v.registrations, label: 'registrations' },
  { key: 'depositRate', count: (v) => v.firstDeposits, label: 'firstDeposits' },
];

/** A count, its rate with the 95% interval, and the chance of being best — or "not enough data". */
function OutcomeCell({ count, rate, enough, best }: { count: number; rate: Variant[Metric]; enough: boolean; best: boolean }) {
  const { t } = useTranslation();
  return (
    <div>
      <Text size="sm" fw={best ? 700 : 500} span>
        {formatNumber(count)}
      </Text>{' '}
      <Text size="sm" span>
        · {formatPercent(rate.value)}
      </Text>
      <Text size="xs" c="dimmed">
        {formatPercent(rate.low)}–{formatPercent(rate.high)}
      </Text>
      <Text size="xs" c={enough ? (best ? 'teal' : 'dimmed') : 'orange'}>
        {enough ? t('stats.pBest', { value: formatPercent(rate.pBest, 0) }) : t('stats.notEnoughData')}
      </Text>
    </div>
  );
}

/** One A/B router: per variant counts, rates with 95% intervals, the chance of being best once there is enough data, and a chart. */
export function AbRouterStats({ router }: { router: Router }) {
  const { t } = useTranslation();
  const short = metrics.filter((m) => !router.sample[m.key].enough);
  const csv = (): void =>
    downloadCsv(`ab-${router.routerId}.csv`, router.variants, [
      { header: 'variant', value: (v) => v.title || v.variantId },
      { header: 'weight', value: (v) => v.weight },
      { header: 'assigned', value: (v) => v.assigned },
      { header: 'replied', value: (v) => v.replied },
      { header: 'registrations', value: (v) => v.registrations },
      { header: 'first_deposits', value: (v) => v.firstDeposits },
      { header: 're_deposits', value: (v) => v.reDeposits },
      ...metrics.flatMap(({ key }) => [
        { header: `${key}`, value: (v: Variant) => v[key].value },
        { header: `${key}_low`, value: (v: Variant) => v[key].low },
        { header: `${key}_high`, value: (v: Variant) => v[key].high },
        { header: `${key}_p_best`, value: (v: Variant) => (router.sample[key].enough ? v[key].pBest : '') },
      ]),
    ]);
  const chart = router.variants.map((v) => ({
    variant: v.title || v.variantId,
    [t('stats.replyRate')]: +(v.replyRate.value * 100).toFixed(1),
    [t('stats.registrationRate')]: +(v.registrationRate.value * 100).toFixed(1),
    [t('stats.depositRate')]: +(v.depositRate.value * 100).toFixed(1),
  }));
  const best = (key: Metric, v: Variant): boolean => router.sample[key].enough && v[key].pBest === Math.max(...router.variants.map((x) => x[key].pBest));
  return (
    <StatsCard title={router.title || router.routerId} subtitle={`${router.flowName} · ${router.mode === 'auto' ? t('inspector.abAuto') : t('inspector.abFixed')}`} onCsv={csv} testId={`ab-${router.routerId}`}>
      {short.length > 0 && (
        <Alert color="orange" variant="light" icon={<IconHourglassLow size={18} />} title={t('stats.notEnoughTitle')} data-testid="ab-not-enough">
          {short
            .map((m) => {
              const needed = router.sample[m.key].neededPerVariant;
              const metric = t(`stats.${m.label}`);
              return needed === null ? t('stats.needUnknown', { metric }) : t('stats.needMore', { metric, count: needed });
            })
            .join(' · ')}
        </Alert>
      )}
      <Table verticalSpacing={4} horizontalSpacing="xs" fz="sm" layout="fixed">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w="28%">{t('stats.variant')}</Table.Th>
            <Table.Th>{t('stats.assigned')}</Table.Th>
            <Table.Th>{t('stats.replied')}</Table.Th>
            <Table.Th>{t('stats.registrations')}</Table.Th>
            <Table.Th>{t('stats.firstDeposits')}</Table.Th>
            <Table.Th>{t('stats.reDeposits')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {router.variants.map((v) => (
            <Table.Tr key={v.variantId}>
              <Table.Td>
                {v.title || v.variantId}{' '}
                <Badge size="xs" variant="light" color="gray">
                  {v.weight}%
                </Badge>
              </Table.Td>
              <Table.Td>{formatNumber(v.assigned)}</Table.Td>
              {metrics.map((m) => (
                <Table.Td key={m.key}>
                  <OutcomeCell count={m.count(v)} rate={v[m.key]} enough={router.sample[m.key].enough} best={best(m.key, v)} />
                </Table.Td>
              ))}
              <Table.Td>{formatNumber(v.reDeposits)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <BarChart
        h={200}
        data={chart}
        dataKey="variant"
        unit="%"
        series={[
          { name: t('stats.replyRate'), color: 'violet.5' },
          { name: t('stats.registrationRate'), color: 'teal.5' },
          { name: t('stats.depositRate'), color: 'orange.5' },
        ]}
        withLegend
      />
    </StatsCard>
  );
}
