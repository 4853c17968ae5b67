import { Accordion, Box, Code, Group, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { LoadingState } from '../../../components/LoadingState';
import { formatDateTime, formatMoney, formatNumber } from '../../../lib/format';
import { useRpcQuery } from '../../../rpc/hooks';
import { EventsTimeline } from './EventsTimeline';
import { LeadFieldsEditor } from './LeadFieldsEditor';
import { LeadTagsEditor } from './LeadTagsEditor';

function KeyValues({ rows }: { rows: [string, string][] }) {
  const { t } = useTranslation();
  if (!rows.length)
    return (
      <Text size="xs" c="dimmed">
        {t('common.none')}
      </Text>
    );
  return (
    <Table fz="xs" verticalSpacing={2} withRowBorders={false}>
      <Table.Tbody>
        {rows.map(([k, v]) => (
          <Table.Tr key={k}>
            <Table.Td w={110} c="dimmed">
              {k}
            </Table.Td>
            <Table.Td style={{ wordBreak: 'break-all' }}>{v}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Everything known about the lead: tags, fields, tracker fields, A/B variants, deposits, timeline. */
export function LeadCard({ leadId }: { leadId: number }) {
  const { t } = useTranslation();
  const lead = useRpcQuery('leads.get', { id: leadId });
  if (lead.isLoading) return <LoadingState />;
  if (lead.error)
    return (
      <Box p="sm">
        <ErrorAlert error={lead.error} />
      </Box>
    );
  const l = lead.data;
  if (!l) return null;
  return (
    <ScrollArea h="100%" type="auto" data-testid="lead-card">
      <Stack gap="xs" p="sm">
        <Text size="xs" c="dimmed">
          {t('inbox.since', { date: formatDateTime(l.createdAt) })} · ID <Code fz="xs">{l.id}</Code>
        </Text>
        <Text size="xs" fw={600}>
          {t('inbox.tags')}
        </Text>
        <LeadTagsEditor leadId={l.id} tags={l.tags} />
      </Stack>
      <Accordion multiple defaultValue={['fields', 'tracker', 'ab', 'deposits']} variant="default" chevronPosition="left">
        <Accordion.Item value="fields">
          <Accordion.Control>
            <Text size="sm">{t('inbox.fields')}</Text>
          </Accordion.Control>
          <Accordion.Panel>
            <LeadFieldsEditor leadId={l.id} fields={l.fields} />
          </Accordion.Panel>
        </Accordion.Item>
        <Accordion.Item value="tracker">
          <Accordion.Control>
            <Text size="sm">{t('inbox.trackerFields')}</Text>
          </Accordion.Control>
          <Accordion.Panel>
            <KeyValues rows={Object.entries(l.tracker)} />
          </Accordion.Panel>
        </Accordion.Item>
        <Accordion.Item value="ab">
          <Accordion.Control>
            <Text size="sm">{t('inbox.variants')}</Text>
          </Accordion.Control>
          <Accordion.Panel>
            <KeyValues rows={l.variants.map((v) => [v.routerTitle || v.routerId, v.variantTitle || v.variantId])} />
          </Accordion.Panel>
        </Accordion.Item>
        <Accordion.Item value="deposits">
          <Accordion.Control>
            <Text size="sm">{t('inbox.deposits')}</Text>
          </Accordion.Control>
          <Accordion.Panel>
            <Group gap="lg" mb={4}>
              <Text size="xs">{t('inbox.depositCount', { count: l.deposits.count })}</Text>
              <Text size="xs">{t('inbox.depositTotal', { total: formatNumber(l.deposits.total, 2) })}</Text>
              {l.deposits.first != null && <Text size="xs">{t('inbox.depositFirst', { amount: formatNumber(l.deposits.first, 2) })}</Text>}
            </Group>
            <KeyValues rows={l.leadEvents.map((e) => [formatDateTime(e.ts), [t(`events.${e.name}`, { defaultValue: e.name }), e.amount != null ? formatMoney(e.amount, e.currency ?? '', 2) : ''].join(' ')])} />
          </Accordion.Panel>
        </Accordion.Item>
        <Accordion.Item value="timeline">
          <Accordion.Control>
            <Text size="sm">{t('inbox.timeline')}</Text>
          </Accordion.Control>
          <Accordion.Panel>
            <EventsTimeline leadId={l.id} />
          </Accordion.Panel>
        </Accordion.Item>
      </Accordion>
    </ScrollArea>
  );
}
