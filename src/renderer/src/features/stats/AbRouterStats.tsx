import { BarChart } from '@mantine/charts';
import { Badge, Table, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AbRouterStats as Router } from '../../../../shared/rpc/stats';
import { downloadCsv } from '../../lib/csv';
import { formatPercent } from '../../lib/format';
import { StatsCard } from './StatsCard';

type Rate = Router['variants'][number]['replyRate'];

function RateCell({ rate, best }: { rate: Rate; best: boolean }) {
  return (
    <Tooltip label={`95%: ${formatPercent(rate.low)} – ${formatPercent(rate.high)} · P(best) ${formatPercent(rate.pBest)}`}>
      <div>
        <Text size="sm" fw={best ? 700 : 400}>
          {formatPercent(rate.value)}
        </Text>
        <Text size="10px" c="dimmed">
          {formatPercent(rate.low)}–{formatPercent(rate.high)} · P {formatPercent(rate.pBest, 0)}
        </Text>
      </div>
    </Tooltip>
  );
}

/** One A/B router: per variant counts, rates with 95% intervals and P(best), and a chart. */
export function AbRouterStats({ router }: { router: Router }) {
  const { t } = useTranslation();
  const bestDeposit = Math.max(...router.variants.map((v) => v.depositRate.pBest));
  const csv = (): void =>
    downloadCsv(`ab-${router.routerId}.csv`, router.variants, [
      { header: 'variant', value: (v) => v.title || v.variantId },
      { header: 'weight', value: (v) => v.weight },
      { header: 'assigned', value: (v) => v.assigned },
      { header: 'replied', value: (v) => v.replied },
      { header: 'registrations', value: (v) => v.registrations },
      { header: 'first_deposits', value: (v) => v.firstDeposits },
      { header: 're_deposits', value: (v) => v.reDeposits },
      ...(['replyRate', 'registrationRate', 'depositRate'] as const).flatMap((k) => [
        { header: `${k}`, value: (v: Router['variants'][number]) => v[k].value },
        { header: `${k}_low`, value: (v: Router['variants'][number]) => v[k].low },
        { header: `${k}_high`, value: (v: Router['variants'][number]) => v[k].high },
        { header: `${k}_p_best`, value: (v: Router['variants'][number]) => v[k].pBest },
      ]),
    ]);
  const chart = router.variants.map((v) => ({
    variant: v.title || v.variantId,
    [t('stats.replyRate')]: +(v.replyRate.value * 100).toFixed(1),
    [t('stats.registrationRate')]: +(v.registrationRate.value * 100).toFixed(1),
    [t('stats.depositRate')]: +(v.depositRate.value * 100).toFixed(1),
  }));
  return (
    <StatsCard title={router.title || router.routerId} subtitle={`${router.flowName} · ${router.mode === 'auto' ? t('inspector.abAuto') : t('inspector.abFixed')}`} onCsv={csv} testId={`ab-${router.routerId}`}>
      <Table.ScrollContainer minWidth={760}>
        <Table verticalSpacing={4} fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('stats.variant')}</Table.Th>
              <Table.Th>{t('stats.assigned')}</Table.Th>
              <Table.Th>{t('stats.replied')}</Table.Th>
              <Table.Th>{t('stats.registrations')}</Table.Th>
              <Table.Th>{t('stats.firstDeposits')}</Table.Th>
              <Table.Th>{t('stats.reDeposits')}</Table.Th>
              <Table.Th>{t('stats.replyRate')}</Table.Th>
              <Table.Th>{t('stats.registrationRate')}</Table.Th>
              <Table.Th>{t('stats.depositRate')}</Table.Th>
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
                <Table.Td>{v.assigned}</Table.Td>
                <Table.Td>{v.replied}</Table.Td>
                <Table.Td>{v.registrations}</Table.Td>
                <Table.Td>{v.firstDeposits}</Table.Td>
                <Table.Td>{v.reDeposits}</Table.Td>
                <Table.Td>
                  <RateCell rate={v.replyRate} best={false} />
                </Table.Td>
                <Table.Td>
                  <RateCell rate={v.registrationRate} best={false} />
                </Table.Td>
                <Table.Td>
                  <RateCell rate={v.depositRate} best={v.depositRate.pBest === bestDeposit && v.assigned > 0} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
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
