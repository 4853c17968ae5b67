import { BarChart } from '@mantine/charts';
import { Select, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Flow } from '../../../../shared/script';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { downloadCsv } from '../../lib/csv';
import { useRpcQuery } from '../../rpc/hooks';
import { StatsCard } from './StatsCard';

/** Per step of a flow: entered in the range, waiting there now, moved past it. */
export function FunnelStats({ scriptId, flows, from, to }: { scriptId: number; flows: Flow[]; from: number; to: number }) {
  const { t } = useTranslation();
  const [flowId, setFlowId] = useState<string | null>(flows[0]?.id ?? null);
  const funnel = useRpcQuery('stats.funnel', { scriptId, flowId: flowId ?? '', from, to }, { enabled: flowId !== null });
  const rows = funnel.data ?? [];
  const chart = rows.map((r) => ({ step: r.title || r.stepId, [t('stats.entered')]: r.entered, [t('stats.waitingNow')]: r.waitingNow, [t('stats.passed')]: r.passed }));
  return (
    <StatsCard
      title={t('stats.funnel')}
      onCsv={rows.length ? () => downloadCsv(`funnel-${flowId}.csv`, rows, [
        { header: 'step', value: (r) => r.title || r.stepId },
        { header: 'type', value: (r) => r.type },
        { header: 'entered', value: (r) => r.entered },
        { header: 'waiting_now', value: (r) => r.waitingNow },
        { header: 'passed', value: (r) => r.passed },
      ]) : undefined}
      testId="funnel"
    >
      <Select size="xs" w={260} data={flows.map((f) => ({ value: f.id, label: f.name }))} value={flowId} onChange={setFlowId} />
      {funnel.isLoading && <LoadingState />}
      {funnel.error && <ErrorAlert error={funnel.error} />}
      {funnel.data && rows.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('stats.noData')}
        </Text>
      )}
      {rows.length > 0 && (
        <BarChart
          h={Math.max(200, rows.length * 28)}
          data={chart}
          dataKey="step"
          orientation="vertical"
          yAxisProps={{ width: 180 }}
          series={[
            { name: t('stats.entered'), color: 'violet.4' },
            { name: t('stats.waitingNow'), color: 'yellow.5' },
            { name: t('stats.passed'), color: 'teal.5' },
          ]}
          withLegend
        />
      )}
    </StatsCard>
  );
}
