import { Alert, Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { exportPasswordMinLength } from '../../../../shared/rpc/accountImport';
import { ErrorAlert } from '../../components/ErrorAlert';
import { downloadText } from '../../lib/download';
import { callRpc } from '../../rpc/hooks';

/** Seals one account with a password into a `.voronka-account` file, to carry it to another machine. */
export function ExportAccountModal({ accountId, onClose }: { accountId: number; onClose(): void }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const mismatch = repeat.length > 0 && repeat !== password;
  const ready = password.length >= exportPasswordMinLength && repeat === password;

  const save = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const { fileName, dataBase64 } = await callRpc('accounts.exportEncrypted', { accountId, password });
      // The file is JSON text (a readable header and the sealed payload).
      downloadText(fileName, new TextDecoder().decode(Uint8Array.from(atob(dataBase64), (c) => c.charCodeAt(0))));
      notifications.show({ color: 'teal', message: t('accountsImport.export.saved', { fileName }) });
      onClose();
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={t('accountsImport.export.title')} data-testid="export-account">
      <Stack gap="sm">
        <Text size="sm">{t('accountsImport.export.intro')}</Text>
        <PasswordInput label={t('accountsImport.export.password')} value={password} onChange={(e) => setPassword(e.currentTarget.value)} data-testid="export-password" />
        <PasswordInput
          label={t('accountsImport.export.repeat')}
          value={repeat}
          onChange={(e) => setRepeat(e.currentTarget.value)}
          error={mismatch ? t('accountsImport.export.mismatch') : undefined}
          data-testid="export-password-repeat"
        />
        <Alert color="yellow" variant="light">
          {t('accountsImport.export.warning')}
        </Alert>
        {error && <ErrorAlert error={error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button loading={busy} disabled={!ready} onClick={() => void save()} data-testid="export-save">
            {t('accountsImport.export.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
