import { Group, Image, Skeleton, Text } from '@mantine/core';
import { IconPhoto } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useRpcQuery } from '../../../rpc/hooks';

/** A lead's photo, fetched on demand (the renderer cannot read files), with a plain fallback. */
export function PhotoPreview({ messageId }: { messageId: number }) {
  const { t } = useTranslation();
  const media = useRpcQuery('leads.media', { messageId });
  if (media.isPending) return <Skeleton h={160} w={220} mb={4} radius="md" />;
  if (!media.data?.dataUrl)
    return (
      <Group gap={4} mb={4}>
        <IconPhoto size={14} />
        <Text size="xs" c="dimmed">
          {t('inbox.media', { kind: 'photo' })}
        </Text>
      </Group>
    );
  return <Image src={media.data.dataUrl} alt="" maw={280} mah={320} fit="contain" radius="md" mb={4} data-testid="message-photo" />;
}
