import { Badge, Button, Code, Group, Paper, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { messageText } from '../../lib/messageText';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { postbackOutcomes } from '../../../../shared/rpc/tracker';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { downloadCsv } from '../../lib/csv';
import { formatDateTime } from '../../lib/format';
import { callRpc, useRpcEvent } from '../../rpc/hooks';

const outcomeColors: Record<string, string> = { received: 'gray', applied: 'teal', duplicate: 'yellow', pending: 'blue', rejected: 'red', error: 'red', ignored: 'gray' };

/** Every postback with its outcome, newest first; filters, paging, live updates. */
export function PostbackLog() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [outcome, setOutcome] = useState<string | null>(null);
  const [clickId, setClickId] = useState('');
  const filters = { outcome: (outcome ?? undefined) as (typeof postbackOutcomes)[number] | undefined, clickId: clickId.trim() || undefined };
  const log = useInfiniteQuery({
    queryKey: ['tracker.log', filters],
    queryFn: ({ pageParam }) => callRpc('tracker.log', { ...filters, beforeId: pageParam, limit: 100 }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextBeforeId ?? undefined,
  });
  useRpcEvent('tracker.postback', () => void client.invalidateQueries({ queryKey: ['tracker.log'] }));
  const rows = log.data?.pages.flatMap((p) => p.rows) ?? [];
  return (
    <Paper withBorder p="md" radius="md" data-testid="postback-log">
      <Stack gap="sm">
        <Group justify="space-between">
          <Text fw={600}>{t('tracker.log')}</Text>
          <Group gap="xs">
            <Select size="xs" w={160} clearable placeholder={t('tracker.anyOutcome')} data={postbackOutcomes.map((o) => ({ value: o, label: t(`tracker.outcomes.${o}`) }))} value={outcome} onChange={setOutcome} />
            <TextInput size="xs" placeholder="click id" value={clickId} onChange={(e) => setClickId(e.currentTarget.value)} />
            <Button size="compact-xs" variant="default" disabled={!rows.length} onClick={() => downloadCsv('postbacks.csv', rows, [
              { header: 'received_at', value: (r) => new Date(r.receivedAt).toISOString() },
              { header: 'preset', value: (r) => r.preset },
              { header: 'event', value: (r) => r.event },
              { header: 'click_id', value: (r) => r.clickId },
              { header: 'transaction_id', value: (r) => r.transactionId },
              { header: 'lead_id', value: (r) => r.leadId },
              { header: 'outcome', value: (r) => r.outcome },
              { header: 'error', value: (r) => (r.error ? messageText(t, r.error) : null) },
            ])}>
              {t('common.exportCsv')}
            </Button>
          </Group>
        </Group>
        {log.isLoading && <LoadingState />}
        {log.error && <ErrorAlert error={log.error} />}
        {log.data && rows.length === 0 && <Text size="sm" c="dimmed">{t('tracker.noPostbacks')}</Text>}
        {rows.length > 0 && (
          <Table fz="xs" verticalSpacing={4} striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('tracker.when')}</Table.Th>
                <Table.Th>{t('tracker.preset')}</Table.Th>
                <Table.Th>{t('inbox.event')}</Table.Th>
                <Table.Th>click id</Table.Th>
                <Table.Th>{t('tracker.lead')}</Table.Th>
                <Table.Th>{t('tracker.outcome')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>{formatDateTime(r.receivedAt)}</Table.Td>
                  <Table.Td>{r.preset ? t(`tracker.presetNames.${r.preset}`, { defaultValue: r.preset }) : '—'}</Table.Td>
                  <Table.Td>
                    {r.event ?? '—'}
                    {typeof r.parsed?.resaleNumber === 'number' && <Text size="10px" c="dimmed">{t('tracker.resaleNumber', { n: r.parsed.resaleNumber })}</Text>}
                    {r.parsed?.payoutUnparsed === true && (
                      <Badge size="xs" variant="light" color="orange" data-testid="payout-unparsed">{t('tracker.payoutUnparsed', { raw: String(r.parsed.payoutRaw ?? '') })}</Badge>
                    )}
                  </Table.Td>
                  <Table.Td><Code fz="xs">{r.clickId ?? '—'}</Code></Table.Td>
                  <Table.Td>{r.leadId ?? '—'}</Table.Td>
                  <Table.Td>
                    <Badge size="xs" variant="light" color={outcomeColors[r.outcome] ?? 'gray'}>{t(`tracker.outcomes.${r.outcome}`)}</Badge>
                    {r.error && <Text size="10px" c="red">{messageText(t, r.error)}</Text>}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {log.hasNextPage && (
          <Button size="xs" variant="subtle" loading={log.isFetchingNextPage} onClick={() => void log.fetchNextPage()}>
            {t('tracker.loadMore')}
          </Button>
        )}
      </Stack>
    </Paper>
  );
}
