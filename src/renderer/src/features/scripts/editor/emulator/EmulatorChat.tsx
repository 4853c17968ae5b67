import { Box, Image, Paper, ScrollArea, Stack, Text } from '@mantine/core';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { EmulatorState } from '../../../../../../shared/rpc/emulator';
import { clock } from './EmulatorLeadState';

type Line =
  | { kind: 'message'; ts: number; message: EmulatorState['messages'][number] }
  | { kind: 'postback'; ts: number; id: number; name: string; amount: unknown };

/** Messages and postbacks in time order; a postback is a system line, as in the inbox timeline. */
function chatLines(state: EmulatorState): Line[] {
  const lines: Line[] = state.messages.map((message) => ({ kind: 'message', ts: message.ts, message }));
  for (const e of state.events) {
    if (e.type !== 'lead.event') continue;
    lines.push({ kind: 'postback', ts: e.ts, id: e.id, name: String(e.payload.name ?? ''), amount: e.payload.amount });
  }
  // Stable sort: at the same virtual instant the postback goes first (the bot's answer follows it).
  return lines.sort((a, b) => a.ts - b.ts || (a.kind === b.kind ? 0 : a.kind === 'postback' ? -1 : 1));
}

/** The conversation so far; the newest message stays in view. */
export function EmulatorChat({ state }: { state: EmulatorState }) {
  const { t } = useTranslation();
  const viewport = useRef<HTMLDivElement>(null);
  const lines = useMemo(() => chatLines(state), [state]);
  useEffect(() => {
    viewport.current?.scrollTo({ top: viewport.current.scrollHeight });
  }, [lines.length]);
  return (
    <ScrollArea style={{ flex: 1 }} viewportRef={viewport} type="auto" bg="gray.0">
      <Stack gap={6} p="sm" data-testid="emulator-messages">
        {lines.length === 0 && (
          <Text size="sm" c="dimmed" ta="center">
            {t('emulator.noMessages')}
          </Text>
        )}
        {lines.map((line) =>
          line.kind === 'postback' ? (
            <Text key={`e${line.id}`} size="xs" c="dimmed" ta="center" fs="italic" data-testid="emulator-system">
              {t('desk.postbackLine', { event: line.name })}
              {typeof line.amount === 'number' ? ` · ${line.amount}` : ''} · {clock(line.ts, state.timezone)}
            </Text>
          ) : (
            <Box key={line.message.id} style={{ alignSelf: line.message.direction === 'in' ? 'flex-end' : 'flex-start', maxWidth: '85%' }}>
              <Paper
                px="sm"
                py={6}
                radius="lg"
                bg={line.message.direction === 'in' ? 'violet.1' : 'white'}
                withBorder={line.message.direction === 'out'}
                data-testid={line.message.direction === 'in' ? 'emulator-in' : 'emulator-out'}
              >
                {line.message.mediaUrl && (
                  <Image src={line.message.mediaUrl} w={160} mah={160} fit="contain" radius="sm" mb={4} alt={t('desk.photo')} data-testid="emulator-thumb" />
                )}
                {line.message.media && !line.message.mediaUrl && (
                  <Text size="xs" c="dimmed">
                    📎 {line.message.media}
                  </Text>
                )}
                {line.message.text && (
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                    {line.message.text}
                  </Text>
                )}
              </Paper>
              <Text size="10px" c="dimmed" ta={line.message.direction === 'in' ? 'right' : 'left'}>
                {line.message.sender} · {clock(line.message.ts, state.timezone)}
              </Text>
            </Box>
          ),
        )}
      </Stack>
    </ScrollArea>
  );
}
