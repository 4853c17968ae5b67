import { Button, FileButton, Group, Menu, Paper, Text, TextInput } from '@mantine/core';
import { IconFlask, IconPaperclip, IconPhoto, IconSend } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import type { SandboxMediaKind } from '../../../../shared/rpc/sandbox';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useRpcMutation, useRpcQuery } from '../../rpc/hooks';

/**
 * Only on a host started with `--sandbox-telegram`: write to the sandbox account as a simulated
 * Telegram user, to demo the whole app (inbox, live replies) without a real account.
 */
export function SandboxSimulator() {
  const { t } = useTranslation();
  const status = useRpcQuery('sandbox.status', {});
  const write = useRpcMutation('sandbox.userWrites');
  const photo = useRpcMutation('sandbox.userSendsPhoto');
  const media = useRpcMutation('sandbox.userSendsMedia');
  const fileInput = useRef<HTMLInputElement>(null);
  const [pickKind, setPickKind] = useState<SandboxMediaKind>('file');
  const [name, setName] = useState('Alice');
  const [text, setText] = useState('');
  if (!status.data?.enabled) return null;
  const send = (): void => {
    if (!text.trim() || !name.trim()) return;
    write.mutate({ name: name.trim(), text }, { onSuccess: () => setText('') });
  };
  const sendPhoto = (file: File | null): void => {
    if (!file || !name.trim()) return;
    void toBase64(file).then((imageBase64) => photo.mutate({ name: name.trim(), imageBase64 }));
  };
  /** Kinds that need a real file open the file picker; the others send a small sample. */
  const sendMedia = (kind: SandboxMediaKind): void => {
    if (!name.trim()) return;
    if (kind === 'image' || kind === 'video' || kind === 'file') {
      setPickKind(kind);
      fileInput.current?.click();
      return;
    }
    media.mutate({ name: name.trim(), kind, ...(kind === 'sticker' ? { emoji: '👍' } : {}) });
  };
  const sendPicked = (file: File | undefined): void => {
    if (!file || !name.trim()) return;
    void toBase64(file).then((dataBase64) => media.mutate({ name: name.trim(), kind: pickKind, dataBase64, fileName: file.name, ...(file.type ? { mimeType: file.type } : {}) }));
  };
  return (
    <Paper p="xs" radius={0} bg="yellow.0" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }} data-testid="sandbox-simulator">
      <Group gap={6} mb={4}>
        <IconFlask size={14} />
        <Text size="xs" fw={600}>
          {t('inbox.sandbox.title')}
        </Text>
      </Group>
      <Group gap={4} wrap="nowrap">
        <TextInput size="xs" w={90} value={name} onChange={(e) => setName(e.currentTarget.value)} aria-label={t('inbox.sandbox.name')} placeholder={t('inbox.sandbox.name')} />
        <TextInput
          size="xs"
          style={{ flex: 1 }}
          value={text}
          placeholder={t('inbox.sandbox.text')}
          onChange={(e) => setText(e.currentTarget.value)}
          onKeyDown={(e) => e.key === 'Enter' && send()}
          data-testid="sandbox-text"
        />
        <Button size="compact-xs" onClick={send} loading={write.isPending} aria-label={t('inbox.sandbox.send')} data-testid="sandbox-send">
          <IconSend size={12} />
        </Button>
        <FileButton onChange={sendPhoto} accept="image/png,image/jpeg">
          {(props) => (
            <Button {...props} size="compact-xs" variant="light" loading={photo.isPending} aria-label={t('inbox.sandbox.photo')}>
              <IconPhoto size={12} />
            </Button>
          )}
        </FileButton>
        <Menu position="bottom-end">
          <Menu.Target>
            <Button size="compact-xs" variant="light" loading={media.isPending} aria-label={t('tg.sandbox.more')} data-testid="sandbox-media">
              <IconPaperclip size={12} />
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            {(['image', 'voice', 'round', 'video', 'sticker', 'gif', 'file'] as const).map((kind) => (
              <Menu.Item key={kind} onClick={() => sendMedia(kind)} data-testid={`sandbox-media-${kind}`}>
                {t(`tg.sandbox.${kind}`)}
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
        <input
          ref={fileInput}
          type="file"
          hidden
          accept={pickKind === 'image' ? 'image/*' : pickKind === 'video' ? 'video/*' : undefined}
          onChange={(e) => {
            sendPicked(e.currentTarget.files?.[0]);
            e.currentTarget.value = '';
          }}
        />
      </Group>
      {(write.error ?? photo.error ?? media.error) && <ErrorAlert error={(write.error ?? photo.error ?? media.error) as Error} />}
    </Paper>
  );
}

async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
