import { ActionIcon, Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { trackerPresetIds, type TrackerPresetId, type TrackerSettings } from '../../../../shared/rpc/tracker';

const events = ['registration', 'sale', 'resale', 'rejected', 'chargeback'];

/**
 * The sender's own status words mapped to events, per preset (added to the preset's map). RedTrack
 * compares type names exactly as written; the other presets ignore letter case.
 */
export function StatusMappingEditor({ presets, onChange }: { presets: TrackerSettings['presets']; onChange(next: TrackerSettings['presets']): void }) {
  const { t } = useTranslation();
  const [preset, setPreset] = useState<TrackerPresetId>('redtrack');
  const map = presets[preset]?.statusMap ?? {};
  const rows = Object.entries(map);
  const write = (entries: [string, string][]): void => {
    const statusMap = Object.fromEntries(entries.filter(([word]) => word.trim() !== ''));
    onChange({ ...presets, [preset]: { ...presets[preset], statusMap } });
  };
  return (
    <Stack gap={4} data-testid="status-mapping">
      <Group gap="xs" align="flex-end">
        <Text size="sm" fw={500}>{t('tracker.mapping.title')}</Text>
        <Select size="xs" w={140} data={trackerPresetIds.map((p) => ({ value: p, label: t(`tracker.presetNames.${p}`) }))} value={preset} onChange={(v) => v && setPreset(v as TrackerPresetId)} allowDeselect={false} aria-label={t('tracker.preset')} />
      </Group>
      <Text size="xs" c="dimmed">{t(preset === 'redtrack' ? 'tracker.mapping.hintCaseSensitive' : 'tracker.mapping.hint')}</Text>
      {rows.map(([word, event], i) => (
        <Group key={i} gap="xs">
          <TextInput size="xs" placeholder={t('tracker.mapping.word')} value={word} onChange={(e) => write(rows.map((r, j) => (j === i ? [e.currentTarget.value, r[1]] : r)))} />
          <Select size="xs" w={150} data={events} value={event} searchable onChange={(v) => v && write(rows.map((r, j) => (j === i ? [r[0], v] : r)))} allowDeselect={false} aria-label={t('tracker.mapping.event')} />
          <ActionIcon size="sm" variant="subtle" color="red" aria-label={t('tracker.mapping.remove')} onClick={() => write(rows.filter((_, j) => j !== i))}>
            <IconTrash size={14} />
          </ActionIcon>
        </Group>
      ))}
      <Button size="compact-xs" variant="subtle" leftSection={<IconPlus size={12} />} w="fit-content" onClick={() => write([...rows, [`word${rows.length + 1}`, 'sale']])}>
        {t('tracker.mapping.add')}
      </Button>
    </Stack>
  );
}
