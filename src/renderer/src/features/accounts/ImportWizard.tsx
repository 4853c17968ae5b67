import { Alert, Badge, Box, Button, Group, Modal, NumberInput, Paper, PasswordInput, ScrollArea, Select, Stack, Table, Text, Textarea, TextInput, Tooltip } from '@mantine/core';
import { IconFileImport } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportOutcome, ImportRow } from '../../../../shared/rpc/accountImport';
import { ErrorAlert } from '../../components/ErrorAlert';
import { callRpc, useRpcEvent, useRpcQuery } from '../../rpc/hooks';
import { fromDrop, fromInput, toBase64, type PickedFile } from './importFiles';
import { emptyProxy, ProxyFields, toProxyInput, type ProxyDraft } from './ProxyFields';
import { scriptOptions } from './scriptOptions';

const outcomeColors: Record<ImportOutcome, string> = {
  imported: 'teal',
  already_present: 'gray',
  dead: 'red',
  duplicated: 'red',
  banned: 'red',
  wrong_format: 'orange',
  needs_password: 'yellow',
  needs_api: 'yellow',
  export_password: 'yellow',
  failed: 'orange',
};

/** Bulk import: drop tdata / .session(+.json) / zips or paste strings → one result row per account. */
export function ImportWizard({ opened, onClose }: { opened: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const scripts = useRpcQuery('scripts.list', {}, { enabled: opened });
  const [files, setFiles] = useState<PickedFile[]>([]);
  const [text, setText] = useState('');
  const [apiId, setApiId] = useState<number | string>('');
  const [apiHash, setApiHash] = useState('');
  const [password, setPassword] = useState('');
  const [passcode, setPasscode] = useState('');
  const [exportPassword, setExportPassword] = useState('');
  const [scriptId, setScriptId] = useState<string | null>(null);
  const [proxy, setProxy] = useState<ProxyDraft>(emptyProxy);
  const [rows, setRows] = useState<ImportRow[] | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [dragging, setDragging] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  useRpcEvent('accounts.importProgress', (p) => busy && setProgress({ done: p.done, total: p.total }));

  const run = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    setProgress(null);
    try {
      const payload = await Promise.all(files.map(async (f) => ({ path: f.path, dataBase64: await toBase64(f.file) })));
      const result = await callRpc('accounts.importBatch', {
        files: payload,
        text,
        ...(apiId && apiHash ? { apiId: Number(apiId), apiHash: apiHash.trim() } : {}),
        ...(password ? { password } : {}),
        ...(passcode ? { tdataPasscode: passcode } : {}),
        ...(exportPassword ? { exportPassword } : {}),
        proxy: toProxyInput(proxy),
        scriptId: scriptId ? Number(scriptId) : null,
      });
      setRows(result.rows);
      void client.invalidateQueries({ queryKey: ['accounts.list'] });
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    } finally {
      setBusy(false);
    }
  };

  const counts = rows && {
    imported: rows.filter((r) => r.outcome === 'imported').length,
    skipped: rows.filter((r) => r.outcome === 'already_present').length,
    failed: rows.filter((r) => r.outcome !== 'imported' && r.outcome !== 'already_present').length,
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('accountsImport.importTitle')} size="xl" data-testid="import-wizard">
      <Stack gap="sm">
        {!rows && (
          <>
        <Text size="sm" c="dimmed">
          {t('accountsImport.importIntro')}
        </Text>
        <Paper
          withBorder
          p="md"
          radius="md"
          style={{ borderStyle: 'dashed', background: dragging ? 'var(--mantine-color-blue-light)' : undefined }}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(e) => {
            e.preventDefault();
            setDragging(false);
            void fromDrop(e.dataTransfer.items).then((picked) => setFiles((prev) => [...prev, ...picked]));
          }}
          data-testid="import-drop"
        >
          <Group justify="space-between">
            <Group gap="xs">
              <IconFileImport size={20} />
              <Text size="sm">{files.length ? t('accountsImport.filesChosen', { count: files.length }) : t('accountsImport.dropHere')}</Text>
            </Group>
            <Group gap="xs">
              <Button size="xs" variant="light" onClick={() => fileInput.current?.click()}>
                {t('accountsImport.chooseFiles')}
              </Button>
              <Button size="xs" variant="light" onClick={() => folderInput.current?.click()}>
                {t('accountsImport.chooseFolder')}
              </Button>
              {files.length > 0 && (
                <Button size="xs" variant="subtle" color="gray" onClick={() => setFiles([])}>
                  {t('accountsImport.clearFiles')}
                </Button>
              )}
            </Group>
          </Group>
          <input ref={fileInput} type="file" multiple hidden data-testid="import-files" onChange={(e) => setFiles((prev) => [...prev, ...fromInput(e.currentTarget.files)])} />
          <input ref={folderInput} type="file" multiple hidden {...{ webkitdirectory: '' }} onChange={(e) => setFiles((prev) => [...prev, ...fromInput(e.currentTarget.files)])} />
        </Paper>
        <Textarea label={t('accountsImport.pasteStrings')} autosize minRows={2} maxRows={4} ff="monospace" styles={{ input: { fontSize: 11 } }} value={text} onChange={(e) => setText(e.currentTarget.value)} data-testid="import-text" />
        <Group grow align="flex-start">
          <NumberInput label="API id" value={apiId} onChange={setApiId} hideControls data-testid="import-api-id" />
          <TextInput label="API hash" value={apiHash} onChange={(e) => setApiHash(e.currentTarget.value)} data-testid="import-api-hash" />
        </Group>
        <Text size="xs" c="dimmed">
          {t('accountsImport.apiForStrings')}
        </Text>
        <Group grow align="flex-start">
          <PasswordInput label={t('accountsImport.password2fa')} value={password} onChange={(e) => setPassword(e.currentTarget.value)} />
          <PasswordInput label={t('accountsImport.tdataPasscode')} value={passcode} onChange={(e) => setPasscode(e.currentTarget.value)} />
        </Group>
        <PasswordInput label={t('accountsImport.exportPassword')} value={exportPassword} onChange={(e) => setExportPassword(e.currentTarget.value)} data-testid="import-export-password" />
        <Select label={t('accounts.script')} clearable data={scriptOptions(t, scripts.data)} value={scriptId} onChange={setScriptId} />
        <ProxyFields value={proxy} onChange={setProxy} />
        {error && <ErrorAlert error={error} />}
        <Group justify="flex-end">
          {busy && progress && <Text size="sm">{t('accountsImport.checking', progress)}</Text>}
          <Button loading={busy} disabled={files.length === 0 && !text.trim()} onClick={() => void run()} data-testid="import-run">
            {t('accountsImport.check')}
          </Button>
        </Group>
          </>
        )}
        {rows && counts && (
          <Stack gap="xs" data-testid="import-results">
            <Text fw={600}>
              {t('accountsImport.results')} · {t('accountsImport.summary', counts)}
            </Text>
            {rows.some((r) => r.warning === 'session_shared') && (
              <Alert color="yellow" variant="light">
                {t('accountsImport.sharedWarning')}
              </Alert>
            )}
            <ScrollArea.Autosize mah={320}>
              <Table striped verticalSpacing={4} fz="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('accountsImport.source')}</Table.Th>
                    <Table.Th>{t('accountsImport.format')}</Table.Th>
                    <Table.Th>{t('accounts.account')}</Table.Th>
                    <Table.Th>{t('accountsImport.outcome')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((r, i) => (
                    <Table.Tr key={i} data-testid="import-row" data-outcome={r.outcome}>
                      <Table.Td>
                        <Box maw={260} style={{ wordBreak: 'break-all' }}>
                          {r.source}
                        </Box>
                      </Table.Td>
                      <Table.Td>{t(`accountsImport.formats.${r.format}`)}</Table.Td>
                      <Table.Td>{r.account ? (r.account.displayName ?? r.account.username ?? r.account.phone ?? '') : '—'}</Table.Td>
                      <Table.Td>
                        <Tooltip label={`${t(`accountsImport.outcomeHints.${r.outcome}`)}${r.detail ? ` (${r.detail})` : ''}`} multiline w={320}>
                          <Badge color={outcomeColors[r.outcome]} variant="light">
                            {t(`accountsImport.outcomes.${r.outcome}`)}
                          </Badge>
                        </Tooltip>
                        {r.detail && (
                          <Text size="10px" c="dimmed" maw={220} truncate>
                            {r.detail}
                          </Text>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollArea.Autosize>
            <Group justify="flex-end">
              <Button variant="light" onClick={() => setRows(null)} data-testid="import-more">
                {t('accountsImport.importMore')}
              </Button>
              <Button onClick={onClose}>{t('common.close')}</Button>
            </Group>
          </Stack>
        )}
      </Stack>
    </Modal>
  );
}
