import { eventLabel } from '../../../../lib/eventLabel';
import { formatDateTime } from '../../../../lib/format';
import { messageText } from '../../../../lib/messageText';
import { Accordion, Badge, Box, Code, Group, ScrollArea, Stack, Text } from '@mantine/core';
import { useEditor } from '../editorStore';
import { useTranslation } from 'react-i18next';
import type { EmulatorState } from '../../../../../../shared/rpc/emulator';
import { StatusBadge } from '../../../../components/StatusBadge';

/** A virtual-clock time in the script's timezone, in the UI language. */
export function clock(ts: number, timezone: string): string {
  return formatDateTime(ts, timezone);
}

/** Badges that wrap instead of cutting a long tag short. */
const unclipped = { label: { whiteSpace: 'normal', overflow: 'visible', textOverflow: 'clip', overflowWrap: 'anywhere', lineHeight: 1.4 } } as const;

/** Where the fake lead is, what it carries, and the engine's decisions so far. */
export function EmulatorLeadState({ state }: { state: EmulatorState }) {
  const { t } = useTranslation();
  const { lead } = state;
  const fields = Object.entries(lead.fields);
  const variants = Object.entries(lead.variants);
  // Titles from the script in the editor (the state names ids where a step has no title).
  const body = useEditor((s) => s.body);
  const flow = body?.flows.find((f) => f.id === lead.flowId);
  const step = flow?.steps.find((s) => s.id === lead.stepId);
  const stepTitle = step ? step.title || t(`stepTypes.${step.type}`) : (lead.stepTitle ?? '—');
  const routers = new Map(body?.flows.flatMap((f) => f.steps).flatMap((s) => (s.type === 'ab_router' ? [[s.id, s] as const] : [])));
  const variantTitle = (routerId: string, variantId: string) => {
    const router = routers.get(routerId);
    const variant = router?.variants.find((v) => v.id === variantId);
    return { router: router?.title || routerId, variant: variant?.title || variantId };
  };
  return (
    <Accordion variant="contained" radius={0} multiple defaultValue={['lead']} chevronPosition="left">
      <Accordion.Item value="lead">
        <Accordion.Control py={2}>
          <Group gap="xs" wrap="nowrap">
            <Box style={{ flexShrink: 0 }}>
              <StatusBadge status={lead.status} />
            </Box>
            <Text size="xs" truncate data-testid="emulator-step" title={`${flow?.name ?? lead.flowName ?? '—'} › ${stepTitle}`}>
              {flow?.name ?? lead.flowName ?? '—'} › {stepTitle}
            </Text>
          </Group>
        </Accordion.Control>
        <Accordion.Panel>
          <Stack gap={4}>
            <Text size="xs" c="dimmed" data-testid="emulator-clock">
              {t('emulator.virtualTime')}: {clock(state.now, state.timezone)} ({state.timezone})
            </Text>
            {lead.statusReason && <Text size="xs">{messageText(t, lead.statusReason)}</Text>}
            <Group gap={4}>
              {lead.tags.map((tag) => (
                <Badge key={tag} size="xs" variant="light" h="auto" styles={unclipped} data-testid="emulator-tag">
                  {tag}
                </Badge>
              ))}
              {lead.tags.length === 0 && (
                <Text size="xs" c="dimmed">
                  {t('emulator.noTags')}
                </Text>
              )}
            </Group>
            {fields.map(([k, v]) => (
              <Text key={k} size="xs">
                <Code fz="xs">{k}</Code> = {String(v)}
              </Text>
            ))}
            {variants.map(([router, variant]) => {
              const named = variantTitle(router, variant);
              return (
                <Text key={router} size="xs" data-testid="emulator-variant">
                  A/B {named.router} → {named.variant}
                </Text>
              );
            })}
          </Stack>
        </Accordion.Panel>
      </Accordion.Item>
      <Accordion.Item value="events">
        <Accordion.Control py={2}>
          <Text size="xs">{t('emulator.events', { count: state.events.length })}</Text>
        </Accordion.Control>
        <Accordion.Panel>
          <ScrollArea.Autosize mah={180} type="auto">
            <Stack gap={4} data-testid="emulator-events">
              {[...state.events].reverse().map((e) => (
                <details key={e.id}>
                  <summary style={{ cursor: 'pointer', fontSize: 12 }}>
                    <Text span fz="xs" fw={600}>{eventLabel(t, e.type)}</Text> {clock(e.ts, state.timezone)}
                  </summary>
                  <Code block fz="10px">
                    {JSON.stringify(e.payload, null, 2)}
                  </Code>
                </details>
              ))}
            </Stack>
          </ScrollArea.Autosize>
        </Accordion.Panel>
      </Accordion.Item>
    </Accordion>
  );
}
