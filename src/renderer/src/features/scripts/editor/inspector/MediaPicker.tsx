import { ActionIcon, Button, FileButton, Group, Image, Paper, Select, Stack, Text, Tooltip } from '@mantine/core';
import { errorText } from '../../../../lib/messageText';
import { IconFile, IconPaperclip, IconTrash } from '@tabler/icons-react';
import { useEffect, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { mediaFileMaxBytes } from '../../../../../../shared/rpc/media';
import { UploadProgress, type UploadState } from '../../../../components/UploadProgress';
import { formatFileSize } from '../../../../lib/format';
import { FileUnreadable, UploadCancelled, uploadMedia } from '../../../../lib/uploadMedia';
import { useRpcQuery } from '../../../../rpc/hooks';
import { useStepField, type Path } from './stepFieldContext';

type Media = { kind: 'photo' | 'video' | 'document' | 'voice'; path: string };

/**
 * A message's attachment: picked or dropped, copied by main into the data folder's media library
 * (content-hashed name), then previewed — never a typed path, so a script only ever sends files
 * from its own media folder.
 */
export function MediaPicker({ path, index }: { path: Path; index: number }) {
  const { t } = useTranslation();
  const f = useStepField<Media>([...path, 'media']);
  // Problems are reported at media.path (outside the media folder, missing on publish).
  const pathError = useStepField<string>([...path, 'media', 'path']).error;
  const [upload, setUpload] = useState<UploadState | null>(null);
  const busy = upload !== null;
  const cancel = useRef<AbortController | null>(null);
  // Leaving the step (or the editor) mid-upload cancels it: nobody is there to take the file.
  useEffect(() => () => cancel.current?.abort(), []);
  const [failure, setFailure] = useState<string | null>(null);
  const [over, setOver] = useState(false);
  const media = f.value;
  const preview = useRpcQuery('media.preview', { path: media?.path ?? '' }, { enabled: !!media?.path });

  const take = async (file: File | null): Promise<void> => {
    if (!file || busy) return;
    setFailure(null);
    if (file.size > mediaFileMaxBytes) {
      setFailure(t('mediaPicker.tooLarge', { mb: mediaFileMaxBytes / 1024 / 1024 }));
      return;
    }
    if (file.size === 0) {
      setFailure(t('mediaPicker.empty'));
      return;
    }
    // Any size goes piece by piece (one piece for a small photo), with a bar and a cancel button.
    const controller = new AbortController();
    cancel.current = controller;
    setUpload({ name: file.name, sent: 0, total: file.size });
    try {
      const stored = await uploadMedia(file, { signal: controller.signal, onProgress: (sent, total) => setUpload({ name: file.name, sent, total }) });
      f.set({ kind: stored.kind, path: stored.path });
    } catch (e) {
      if (e instanceof UploadCancelled) setFailure(t('mediaPicker.cancelled'));
      else if (e instanceof FileUnreadable) setFailure(t('mediaPicker.unreadable', { name: e.fileName }));
      else setFailure(t('mediaPicker.failed', { message: errorText(t, e) }));
    } finally {
      cancel.current = null;
      setUpload(null);
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
        <Button {...props} size="compact-xs" variant="light" leftSection={<IconPaperclip size={12} />} disabled={busy}>
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
      {upload ? (
        <UploadProgress upload={upload} onCancel={() => cancel.current?.abort()} testId={`media-upload-${index}`} />
      ) : !media ? (
        <Stack gap={4} align="center">
          <Text size="xs" c="dimmed" ta="center">
            {t('mediaPicker.drop')}
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
                {t('mediaPicker.stored', { size: formatFileSize(preview.data.size) })}
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
