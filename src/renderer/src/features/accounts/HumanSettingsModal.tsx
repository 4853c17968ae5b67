import { Button, Group, Modal, NumberInput, Stack, Switch, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { humanDefaults, type HumanSettings } from '../../../../shared/rpc/accounts';

/** Human-like sending for one account: typing time, read receipts and the anti-spam caps. */
export function HumanSettingsModal({ opened, initial, onClose, onSave }: { opened: boolean; initial: HumanSettings; onClose(): void; onSave(next: HumanSettings): void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<HumanSettings>({ ...humanDefaults, ...initial });
  const set = <K extends keyof HumanSettings>(key: K, value: HumanSettings[K]): void => setDraft({ ...draft, [key]: value });
  return (
    <Modal opened={opened} onClose={onClose} title={t('accounts.human.title')} data-testid="human-settings">
      <Stack>
        <Text size="sm" c="dimmed">
          {t('accounts.human.hint')}
        </Text>
        <NumberInput label={t('accounts.human.typingCharsPerSecond')} min={1} max={1000} value={draft.typingCharsPerSecond} onChange={(v) => set('typingCharsPerSecond', Number(v) || 1)} />
        <NumberInput label={t('accounts.human.typingMaxSeconds')} min={0} max={60} step={0.5} decimalScale={1} value={draft.typingMaxMs / 1000} onChange={(v) => set('typingMaxMs', Math.round((Number(v) || 0) * 1000))} />
        <Switch label={t('accounts.human.markRead')} checked={draft.markRead} onChange={(e) => set('markRead', e.currentTarget.checked)} />
        <NumberInput label={t('accounts.human.messagesPerMinute')} description={t('tg.human.capOff')} min={0} max={600} value={draft.messagesPerMinute} onChange={(v) => set('messagesPerMinute', Number(v) || 0)} />
        <NumberInput label={t('accounts.human.newChatsPerDay')} description={t('tg.human.capOff')} min={0} max={100_000} value={draft.newChatsPerDay} onChange={(v) => set('newChatsPerDay', Number(v) || 0)} />
        <NumberInput label={t('tg.human.peerFloodPauseHours')} min={1} max={168} value={draft.peerFloodPauseHours} onChange={(v) => set('peerFloodPauseHours', Math.min(168, Math.max(1, Number(v) || 1)))} />
        <Switch label={t('tg.human.ownerRepliesTakeOver')} checked={draft.ownerRepliesTakeOver} onChange={(e) => set('ownerRepliesTakeOver', e.currentTarget.checked)} />
        <Group justify="space-between">
          <Button variant="subtle" onClick={() => setDraft(humanDefaults)}>
            {t('accounts.human.defaults')}
          </Button>
          <Button onClick={() => onSave(draft)}>{t('common.save')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
