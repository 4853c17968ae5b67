import { ActionIcon, Button, FileButton, Group, Image, Paper, Select, Stack, Text, Tooltip } from '@mantine/core';
import { errorText } from '../../../../lib/messageText';
import { IconFile, IconPaperclip, IconTrash } from '@tabler/icons-react';
import { useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { mediaFileMaxBytes } from '../../../../../../shared/rpc/media';
import { callRpc, useRpcQuery } from '../../../../rpc/hooks';
import { fileBase64 } from './fileBase64';
import { useStepField, type Path } from './stepFieldContext';

type Media = { kind: 'photo' | 'video' | 'document' | 'voice'; path: string };

/** A file size in the UI language ("1 KB", "1 КБ"). */
const sizeText = (bytes: number, language: string): string =>
  bytes < 1024 * 1024
    ? new Intl.NumberFormat(language, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 0 }).format(Math.ceil(bytes / 1024))
    : new Intl.NumberFormat(language, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 }).format(bytes / 1024 / 1024);

/**
 * A message's attachment: picked or dropped, copied by main into the data folder's media library
 * (content-hashed name), then previewed — never a typed path, so a script only ever sends files
 * from its own media folder.
 */
export function MediaPicker({ path, index }: { path: Path; index: number }) {
  const { t, i18n } = useTranslation();
  const f = useStepField<Media>([...path, 'media']);
  // Problems are reported at media.path (outside the media folder, missing on publish).
  const pathError = useStepField<string>([...path, 'media', 'path']).error;
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [over, setOver] = useState(false);
  const media = f.value;
  const preview = useRpcQuery('media.preview', { path: media?.path ?? '' }, { enabled: !!media?.path });

  const take = async (file: File | null): Promise<void> => {
    if (!file) return;
    setFailure(null);
    if (file.size > mediaFileMaxBytes) {
      setFailure(t('mediaPicker.tooLarge', { mb: mediaFileMaxBytes / 1024 / 1024 }));
      return;
    }
    setBusy(true);
    try {
      const stored = await callRpc('media.store', { name: file.name, dataBase64: await fileBase64(file) });
      f.set({ kind: stored.kind, path: stored.path });
    } catch (e) {
      setFailure(t('mediaPicker.failed', { message: errorText(t, e) }));
    } finally {
      setBusy(false);
    }
  };
  const drop = (e: DragEvent<HTMLDivElement>): void => {
    e.preventDefault();
    setOver(false);
    void take(e.dataTransfer.files[0] ?? null);
  };

  const problem = preview.data?.problem;
  const pickButton = (
    <FileButton onChange={(file) => void take(file)} inputProps={{ 'data-testid': `media-file-${index}` } as object}>
      {(props) => (
        <Button {...props} size="compact-xs" variant="light" leftSection={<IconPaperclip size={12} />} loading={busy}>
          {media ? t('mediaPicker.replace') : t('mediaPicker.pick')}
        </Button>
      )}
    </FileButton>
  );

  return (
    <Paper
      withBorder
      p={6}
      radius="sm"
      style={{ borderStyle: 'dashed', borderColor: over ? 'var(--mantine-color-violet-5)' : undefined }}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
      data-testid={`media-drop-${index}`}
    >
      {!media ? (
        <Stack gap={4} align="center">
          <Text size="xs" c="dimmed" ta="center">
            {busy ? t('mediaPicker.storing') : t('mediaPicker.drop')}
          </Text>
          {pickButton}
        </Stack>
      ) : (
        <Stack gap={4}>
          <Group gap={6} wrap="nowrap" align="flex-start">
            {preview.data?.dataUrl ? (
              <Image src={preview.data.dataUrl} w={72} h={72} fit="cover" radius="sm" alt={media.path} data-testid={`media-preview-${index}`} />
            ) : (
              <Tooltip label={t('mediaPicker.noPreview')}>
                <IconFile size={32} data-testid={`media-preview-${index}`} />
              </Tooltip>
            )}
            <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
              <Select
                size="xs"
                aria-label={t('inspector.mediaKind')}
                data={(['photo', 'video', 'document', 'voice'] as const).map((k) => ({ value: k, label: t(`inspector.media.${k}`) }))}
                value={media.kind}
                allowDeselect={false}
                onChange={(v) => v && f.set({ ...media, kind: v as Media['kind'] })}
              />
              <Group gap={4} wrap="nowrap">
                {pickButton}
                <Tooltip label={t('mediaPicker.remove')}>
                  <ActionIcon size="sm" variant="subtle" color="red" aria-label={t('mediaPicker.remove')} onClick={() => f.set(undefined)} data-testid={`media-remove-${index}`}>
                    <IconTrash size={14} />
                  </ActionIcon>
                </Tooltip>
              </Group>
            </Stack>
          </Group>
          {problem ? (
            <Text size="xs" c="red" data-testid={`media-problem-${index}`}>
              {t(`mediaPicker.${problem}`)}
            </Text>
          ) : (
            preview.data?.size != null && (
              <Text size="xs" c="dimmed">
                {t('mediaPicker.stored', { size: sizeText(preview.data.size, i18n.language) })}
              </Text>
            )
          )}
        </Stack>
      )}
      {(failure || f.error || pathError) && (
        <Text size="xs" c="red" mt={4}>
          {failure ?? f.error ?? pathError}
        </Text>
      )}
    </Paper>
  );
}
