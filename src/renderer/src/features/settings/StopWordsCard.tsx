import { Badge, Button, Group, NumberInput, Paper, Stack, TagsInput, Text } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../../shared/settings';
import { defaultStopWords } from '../../../../shared/stopWords';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useRpcMutation } from '../../rpc/hooks';
import { toastSaved } from '../../lib/operatorToasts';

/** Stop words (RU/EN defaults from the server) and the debounce that merges bursts of messages. */
export function StopWordsCard({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const save = useRpcMutation('settings.set');
  const [words, setWords] = useState(settings.stopWords);
  const [debounce, setDebounce] = useState<number | string>(settings.debounceSeconds);
  const dirty = words.join('\n') !== settings.stopWords.join('\n') || Number(debounce) !== settings.debounceSeconds;

  // Awaited rather than a per-call onSuccess: the settings push can re-key this card before the
  // answer arrives, and an unmounted observer's callbacks never run (the toast would be lost).
  const submit = (): void =>
    void save
      .mutateAsync({ stopWords: words, debounceSeconds: Number(debounce) || 0 })
      .then((next) => (client.setQueryData(['settings.get', {}], next), toastSaved(t)))
      .catch(() => undefined);

  return (
    <Paper withBorder p="lg" radius="md" data-testid="stop-words">
      <Stack gap="sm">
        <Group justify="space-between">
          <Text fw={600}>{t('behaviour.title')}</Text>
          {save.isSuccess && !dirty && (
            <Badge color="teal" variant="light" leftSection={<IconCheck size={12} />}>
              {t('settings.saved')}
            </Badge>
          )}
        </Group>
        <TagsInput
          label={t('behaviour.stopWords')}
          description={t('behaviour.stopWordsHint', { count: words.length })}
          value={words}
          onChange={setWords}
          clearable
          maxDropdownHeight={200}
          data-testid="stop-words-input"
        />
        <Group gap="xs">
          <Button size="compact-xs" variant="subtle" onClick={() => setWords([...defaultStopWords])}>
            {t('behaviour.restoreDefaults')}
          </Button>
        </Group>
        <NumberInput
          label={t('behaviour.debounce')}
          description={t('behaviour.debounceHint')}
          min={0}
          max={120}
          w={240}
          value={debounce}
          onChange={setDebounce}
          data-testid="debounce"
        />
        {save.error && <ErrorAlert error={save.error} />}
        <Group justify="flex-end">
          <Button disabled={!dirty} loading={save.isPending} onClick={submit} data-testid="behaviour-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
