import { ActionIcon, Menu } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { IconArchive, IconCopy, IconDots, IconDownload, IconKey, IconPencil } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { ScriptSummary } from '../../../../../shared/rpc/scripts';
import { errorText } from '../../../lib/messageText';
import { base64Bytes, downloadPieces, downloadText } from '../../../lib/download';
import { formatFileSize } from '../../../lib/format';
import { callRpc } from '../../../rpc/hooks';

function fail(t: TFunction, e: unknown): void {
  notifications.show({ color: 'red', title: t('scriptList.actionFailed'), message: errorText(t, e) });
}

/** Open, duplicate, export and archive (with undo) one script. */
export function ScriptRowActions({ script }: { script: ScriptSummary }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const refresh = (): Promise<void> => client.invalidateQueries({ queryKey: ['scripts.list'] });

  const duplicate = async (): Promise<void> => {
    try {
      await callRpc('scripts.duplicate', { id: script.id });
      await refresh();
      notifications.show({ color: 'teal', message: t('scriptList.duplicated', { name: script.name }) });
    } catch (e) {
      fail(t, e);
    }
  };

  const exportFile = async (includeSecrets: boolean): Promise<void> => {
    try {
      const { fileName, json, secretsLeftOut } = await callRpc('scripts.export', { id: script.id, includeSecrets });
      downloadText(fileName, json);
      // Its media files go along, named after their paths in the script: importing all together copies
      // them back. Read piece by piece, one reply each, so large files fit the RPC frame; a large one
      // shows how far it has got.
      for (const file of await callRpc('media.ofScript', { id: script.id })) {
        const pieces: Blob[] = [];
        const toast = `export-${script.id}-${file.name}`;
        try {
          for (let offset: number | null = 0; offset !== null; ) {
            const piece: { dataBase64: string; nextOffset: number | null } = await callRpc('media.read', { id: script.id, path: file.path, offset });
            pieces.push(new Blob([base64Bytes(piece.dataBase64)]));
            offset = piece.nextOffset;
            if (offset === null) break;
            const message = t('mediaPicker.exporting', { name: file.name, sent: formatFileSize(offset), total: formatFileSize(file.size) });
            if (pieces.length === 1) notifications.show({ id: toast, loading: true, autoClose: false, withCloseButton: false, message });
            else notifications.update({ id: toast, loading: true, autoClose: false, withCloseButton: false, message });
          }
        } finally {
          notifications.hide(toast);
        }
        downloadPieces(file.name, pieces);
      }
      // Say what the file holds: without the API keys (and how to include them), or with them.
      if (secretsLeftOut > 0) notifications.show({ color: 'blue', message: t('scriptList.secretsLeftOut', { count: secretsLeftOut }) });
      else if (includeSecrets) notifications.show({ color: 'orange', message: t('scriptList.exportedWithSecrets') });
    } catch (e) {
      fail(t, e);
    }
  };

  const archive = async (): Promise<void> => {
    try {
      await callRpc('scripts.archive', { id: script.id });
      await refresh();
      const id = `archived-${script.id}`;
      notifications.show({
        id,
        color: 'gray',
        autoClose: 8000,
        title: t('scriptList.archived', { name: script.name }),
        message: (
          <a
            href="#"
            data-testid="undo-archive"
            onClick={(e) => {
              e.preventDefault();
              notifications.hide(id);
              void callRpc('scripts.restore', { id: script.id }).then(refresh, (err: unknown) => fail(t, err));
            }}
          >
            {t('common.undo')}
          </a>
        ),
      });
    } catch (e) {
      fail(t, e);
    }
  };

  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" aria-label={t('common.actions')} data-testid={`script-actions-${script.id}`} onClick={(e) => e.stopPropagation()}>
          <IconDots size={16} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown onClick={(e) => e.stopPropagation()}>
        <Menu.Item leftSection={<IconPencil size={14} />} onClick={() => navigate(`/scripts/${script.id}`)}>
          {t('scriptList.open')}
        </Menu.Item>
        <Menu.Item leftSection={<IconCopy size={14} />} onClick={() => void duplicate()}>
          {t('scriptList.duplicate')}
        </Menu.Item>
        <Menu.Item leftSection={<IconDownload size={14} />} onClick={() => void exportFile(false)} data-testid="export-script">
          {t('scriptList.export')}
        </Menu.Item>
        <Menu.Item leftSection={<IconKey size={14} />} onClick={() => void exportFile(true)} data-testid="export-script-secrets">
          {t('scriptList.exportWithSecrets')}
        </Menu.Item>
        <Menu.Divider />
        <Menu.Item leftSection={<IconArchive size={14} />} color="red" onClick={() => void archive()} data-testid="archive-script">
          {t('scriptList.archive')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
