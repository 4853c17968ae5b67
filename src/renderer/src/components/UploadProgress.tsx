import { Button, Group, Progress, Stack, Text } from '@mantine/core';
import { IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatFileSize } from '../lib/format';

/** How far a file copy into the media library has got. */
export interface UploadState {
  name: string;
  sent: number;
  total: number;
}

/** A media upload under way: a bar with "12 of 40 MB" and a cancel button (large videos take a while). */
export function UploadProgress({ upload, onCancel, testId = 'upload-progress' }: { upload: UploadState; onCancel: () => void; testId?: string }) {
  const { t } = useTranslation();
  const percent = upload.total > 0 ? Math.round((upload.sent / upload.total) * 100) : 0;
  return (
    <Stack gap={4} w="100%" data-testid={testId}>
      <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
        {t('mediaPicker.uploading', { name: upload.name, sent: formatFileSize(upload.sent), total: formatFileSize(upload.total) })}
      </Text>
      <Group gap={6} wrap="nowrap">
        <Progress value={percent} size="sm" style={{ flex: 1 }} aria-label={upload.name} data-testid={`${testId}-bar`} data-sent={upload.sent} data-total={upload.total} animated />
        <Button size="compact-xs" variant="subtle" color="red" leftSection={<IconX size={12} />} onClick={onCancel} data-testid={`${testId}-cancel`}>
          {t('mediaPicker.cancel')}
        </Button>
      </Group>
    </Stack>
  );
}
