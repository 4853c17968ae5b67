import { Box, Image, Paper, ScrollArea, Stack, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { EmulatorState } from '../../../../../../shared/rpc/emulator';
import { clock } from './EmulatorLeadState';

/** The conversation so far; the newest message stays in view. */
export function EmulatorChat({ state }: { state: EmulatorState }) {
  const { t } = useTranslation();
  const viewport = useRef<HTMLDivElement>(null);
  useEffect(() => {
    viewport.current?.scrollTo({ top: viewport.current.scrollHeight });
  }, [state.messages.length]);
  return (
    <ScrollArea style={{ flex: 1 }} viewportRef={viewport} type="auto" bg="gray.0">
      <Stack gap={6} p="sm" data-testid="emulator-messages">
        {state.messages.length === 0 && (
          <Text size="sm" c="dimmed" ta="center">
            {t('emulator.noMessages')}
          </Text>
        )}
        {state.messages.map((m) => (
          <Box key={m.id} style={{ alignSelf: m.direction === 'in' ? 'flex-end' : 'flex-start', maxWidth: '85%' }}>
            <Paper
              px="sm"
              py={6}
              radius="lg"
              bg={m.direction === 'in' ? 'violet.1' : 'white'}
              withBorder={m.direction === 'out'}
              data-testid={m.direction === 'in' ? 'emulator-in' : 'emulator-out'}
            >
              {m.media?.startsWith('data:image') && <Image src={m.media} maw={220} radius="sm" mb={4} alt="" />}
              {m.media && !m.media.startsWith('data:') && (
                <Text size="xs" c="dimmed">
                  📎 {m.media}
                </Text>
              )}
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {m.text}
              </Text>
            </Paper>
            <Text size="10px" c="dimmed" ta={m.direction === 'in' ? 'right' : 'left'}>
              {m.sender} · {clock(m.ts, state.timezone)}
            </Text>
          </Box>
        ))}
      </Stack>
    </ScrollArea>
  );
}
