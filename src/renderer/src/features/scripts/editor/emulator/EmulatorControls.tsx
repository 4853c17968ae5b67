import { ActionIcon, Button, FileButton, Group, Menu, NumberInput, Popover, Stack, TextInput, Tooltip } from '@mantine/core';
import { IconClockPlay, IconPhoto, IconSend, IconTargetArrow } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EmulatorState } from '../../../../../../shared/rpc/emulator';
import { readAsDataUrl } from '../../../../lib/download';
import { callRpc } from '../../../../rpc/hooks';

interface Props {
  state: EmulatorState;
  busy: boolean;
  run(action: () => Promise<EmulatorState>): Promise<void>;
}

const jumps = [
  { key: 'plus10m', ms: 10 * 60_000 },
  { key: 'plus1h', ms: 3_600_000 },
  { key: 'plus1d', ms: 86_400_000 },
] as const;

/** What the fake lead can do: write, send a photo, trigger a postback, let time pass. */
export function EmulatorControls({ state, busy, run }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [customEvent, setCustomEvent] = useState('');
  const [payout, setPayout] = useState<number | string>('');
  const sessionId = state.sessionId;

  const say = (): void => {
    const message = text.trim();
    if (!message) return;
    setText('');
    void run(() => callRpc('emulator.say', { sessionId, text: message }));
  };
  const photo = async (file: File | null): Promise<void> => {
    if (!file) return;
    const dataUrl = await readAsDataUrl(file);
    await run(() => callRpc('emulator.photo', { sessionId, dataUrl, caption: '' }));
  };
  const postback = (event: string): void =>
    void run(() => callRpc('emulator.postback', { sessionId, event, payout: typeof payout === 'number' ? payout : null }));
  const advance = (ms: number): void => void run(() => callRpc('emulator.advance', { sessionId, ms: Math.max(1, Math.round(ms)) }));

  return (
    <Stack gap={6} p="sm" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
      <Group gap={4} wrap="nowrap">
        <TextInput
          size="xs"
          style={{ flex: 1 }}
          placeholder={t('emulator.typeMessage')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          onKeyDown={(e) => e.key === 'Enter' && say()}
          data-testid="emulator-input"
        />
        <FileButton onChange={(f) => void photo(f)} accept="image/png,image/jpeg,image/webp">
          {(props) => (
            <Tooltip label={t('emulator.sendPhoto')}>
              <ActionIcon {...props} variant="default" size="md" disabled={busy} aria-label={t('emulator.sendPhoto')}>
                <IconPhoto size={16} />
              </ActionIcon>
            </Tooltip>
          )}
        </FileButton>
        <ActionIcon size="md" onClick={say} loading={busy} disabled={!text.trim()} aria-label={t('emulator.send')} data-testid="emulator-send">
          <IconSend size={16} />
        </ActionIcon>
      </Group>
      <Group gap={4}>
        <IconClockPlay size={14} color="var(--mantine-color-gray-6)" />
        {jumps.map((j) => (
          <Button key={j.key} size="compact-xs" variant="default" disabled={busy} onClick={() => advance(j.ms)} data-testid={`emulator-${j.key}`}>
            {t(`emulator.${j.key}`)}
          </Button>
        ))}
        <Button
          size="compact-xs"
          variant="light"
          disabled={busy || state.nextTimerAt == null}
          onClick={() => state.nextTimerAt != null && advance(state.nextTimerAt - state.now)}
          data-testid="emulator-next-timer"
        >
          {t('emulator.nextTimer')}
        </Button>
        <Menu position="top-end" closeOnItemClick>
          <Menu.Target>
            <Button size="compact-xs" variant="light" color="orange" leftSection={<IconTargetArrow size={12} />} disabled={busy} data-testid="emulator-postback">
              {t('emulator.postback')}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            {['registration', 'sale', 'resale'].map((event) => (
              <Menu.Item key={event} onClick={() => postback(event)}>
                {t(`events.${event}`)}
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
        <Popover position="top-end" withArrow trapFocus>
          <Popover.Target>
            <Button size="compact-xs" variant="subtle" color="orange" disabled={busy}>
              {t('emulator.customEvent')}
            </Button>
          </Popover.Target>
          <Popover.Dropdown>
            <Stack gap={6} w={220}>
              <TextInput size="xs" label={t('emulator.eventName')} value={customEvent} onChange={(e) => setCustomEvent(e.currentTarget.value)} />
              <NumberInput size="xs" label={t('emulator.payout')} value={payout} onChange={setPayout} min={0} />
              <Button size="xs" disabled={!customEvent.trim()} onClick={() => postback(customEvent.trim())}>
                {t('emulator.fire')}
              </Button>
            </Stack>
          </Popover.Dropdown>
        </Popover>
      </Group>
    </Stack>
  );
}
