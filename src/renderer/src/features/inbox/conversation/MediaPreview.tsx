import { Group, Image, Skeleton, Text } from '@mantine/core';
import { IconFile, IconMicrophone, IconMovie, IconPhoto, IconSticker } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRpcQuery } from '../../../rpc/hooks';
import { PhotoPreview } from './PhotoPreview';

interface Media {
  kind: string;
  path: string;
  emoji?: string | undefined;
  fileName?: string | undefined;
}

const icons: Record<string, typeof IconPhoto> = { voice: IconMicrophone, round: IconMovie, video: IconMovie, gif: IconMovie, sticker: IconSticker, document: IconFile };

/**
 * A message's attachment: photos and stickers shown, voice notes and videos playable (the browser
 * decides what it can play), files named. An empty path means the download is still running or failed.
 */
export function MediaPreview({ messageId, media, incoming }: { messageId: number; media: Media; incoming: boolean }) {
  const { t } = useTranslation();
  const known = ['photo', 'voice', 'round', 'video', 'gif', 'sticker', 'document'].includes(media.kind);
  const label = (
    <Group gap={4} mb={4}>
      {(() => {
        const Icon = icons[media.kind] ?? IconPhoto;
        return <Icon size={14} />;
      })()}
      <Text size="xs" c="dimmed">
        {known ? t(`tg.media.${media.kind}` as 'tg.media.photo') : t('inbox.media', { kind: media.kind })}
        {media.kind === 'sticker' && media.emoji ? ` ${media.emoji}` : ''}
        {media.fileName ? ` · ${media.fileName}` : ''}
        {incoming && !media.path ? ` · ${t('tg.media.pending')}` : ''}
      </Text>
    </Group>
  );
  if (!media.path) return label;
  if (media.kind === 'photo') return <PhotoPreview messageId={messageId} />;
  if (media.kind === 'document') return label;
  return <Playable messageId={messageId} kind={media.kind} label={label} />;
}

function Playable({ messageId, kind, label }: { messageId: number; kind: string; label: React.ReactNode }) {
  const { t } = useTranslation();
  const [broken, setBroken] = useState(false);
  const file = useRpcQuery('leads.media', { messageId });
  if (file.isPending) return <Skeleton h={kind === 'voice' ? 32 : 120} w={220} mb={4} radius="md" />;
  const url = file.data?.dataUrl;
  if (!url)
    return (
      <>
        {label}
        <Text size="xs" c="dimmed">
          {t('tg.media.unavailable')}
        </Text>
      </>
    );
  if (kind === 'voice') return <audio controls src={url} style={{ maxWidth: 260 }} data-testid="message-voice" />;
  // A sticker keeps its label (the emoji says what it means, also when the image cannot be shown).
  if (kind === 'sticker')
    return (
      <>
        {url.startsWith('data:image/') && !broken && <Image src={url} alt="" w={128} h={128} fit="contain" mb={4} onError={() => setBroken(true)} data-testid="message-sticker" />}
        {label}
      </>
    );
  return (
    <video
      src={url}
      controls={kind !== 'gif'}
      autoPlay={kind === 'gif'}
      loop={kind === 'gif'}
      muted={kind === 'gif'}
      style={{ maxWidth: 280, maxHeight: 320, borderRadius: kind === 'round' ? '50%' : 8 }}
      data-testid={`message-${kind}`}
    />
  );
}
