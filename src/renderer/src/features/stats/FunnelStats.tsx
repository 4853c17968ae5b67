import { Group, Progress, Select, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Flow } from '../../../../shared/script';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { downloadCsv } from '../../lib/csv';
import { formatNumber, formatPercent } from '../../lib/format';
import { useRpcQuery } from '../../rpc/hooks';
import { StatsCard } from './StatsCard';
import type { StatsScope } from './statsScope';

/**
 * The step funnel of one flow as a table: every step named (a chart skipped every other label),
 * entered / passed / waiting now, conversion to the next step, and a bar of how many entered.
 */
export function FunnelStats({ scope, flows }: { scope: StatsScope; flows: Flow[] }) {
  const { t } = useTranslation();
  const [flowId, setFlowId] = useState<string | null>(flows[0]?.id ?? null);
  const funnel = useRpcQuery('stats.funnel', { ...scope, flowId: flowId ?? '' }, { enabled: flowId !== null });
  const rows = funnel.data ?? [];
  const max = Math.max(1, ...rows.map((r) => r.entered));
  const conversion = (r: (typeof rows)[number]): number | null => (r.entered > 0 ? r.passed / r.entered : null);
  return (
    <StatsCard
      title={t('stats.funnel')}
      subtitle={t('stats.funnelHint')}
      onCsv={rows.length ? () => downloadCsv(`funnel-${flowId}.csv`, rows, [
        { header: 'step', value: (r) => r.title || r.stepId },
        { header: 'step_id', value: (r) => r.stepId },
        { header: 'type', value: (r) => r.type },
        { header: 'entered', value: (r) => r.entered },
        { header: 'passed', value: (r) => r.passed },
        { header: 'waiting_now', value: (r) => r.waitingNow },
        { header: 'to_next_step', value: (r) => conversion(r) ?? '' },
      ]) : undefined}
      testId="funnel"
    >
      <Select size="xs" w={260} data={flows.map((f) => ({ value: f.id, label: f.name }))} value={flowId} onChange={setFlowId} allowDeselect={false} data-testid="funnel-flow" />
      {funnel.isLoading && <LoadingState />}
      {funnel.error && <ErrorAlert error={funnel.error} />}
      {funnel.data && rows.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('stats.noData')}
        </Text>
      )}
      {rows.length > 0 && (
        <Table verticalSpacing={4} horizontalSpacing="xs" fz="sm" layout="fixed" data-testid="funnel-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w="34%">{t('stats.step')}</Table.Th>
              <Table.Th w="24%">{t('stats.entered')}</Table.Th>
              <Table.Th>{t('stats.passed')}</Table.Th>
              <Table.Th>{t('stats.waitingNow')}</Table.Th>
              <Table.Th>{t('stats.toNext')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => {
              const c = conversion(r);
              return (
                <Table.Tr key={r.stepId} data-testid={`funnel-row-${r.stepId}`}>
                  <Table.Td>
                    <Text size="sm" truncate title={r.title}>
                      {r.title}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Text size="sm" w={44} ta="right" style={{ flexShrink: 0 }}>
                        {formatNumber(r.entered)}
                      </Text>
                      <Progress value={(r.entered / max) * 100} color="violet.4" size="md" style={{ flex: 1 }} aria-hidden />
                    </Group>
                  </Table.Td>
                  <Table.Td>{formatNumber(r.passed)}</Table.Td>
                  <Table.Td>{formatNumber(r.waitingNow)}</Table.Td>
                  <Table.Td>{c === null ? '—' : formatPercent(c)}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </StatsCard>
  );
}
