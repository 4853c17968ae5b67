import { Alert, Button, Code, FileButton, List, Modal, ScrollArea, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { IconFileImport } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { callRpc } from '../../../rpc/hooks';
import { messageText } from '../../../lib/messageText';
import type { ScriptProblem } from '../../../../../shared/script';
import { fileBase64 } from '../editor/inspector/fileBase64';

interface Report {
  fileName: string;
  problems: ScriptProblem[];
}

/** Imports a JSON file; an invalid one is not stored and its report lists each problem by path. */
export function ImportScriptButton() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<Error | null>(null);

  const pick = async (picked: File[]): Promise<void> => {
    // The script's .json, and any media files picked with it (copied into the data folder by main).
    const file = picked.find((f) => f.name.toLowerCase().endsWith('.json')) ?? picked[0];
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const json = await file.text();
      // One file per call into the media library first (a request must fit the 8 MB RPC frame), then
      // the script names them by path.
      const files: { name: string; path: string }[] = [];
      for (const f of picked.filter((p) => p !== file)) files.push({ name: f.name, path: (await callRpc('media.store', { name: f.name, dataBase64: await fileBase64(f) })).path });
      const result = await callRpc('scripts.import', { json, files });
      if (result.ok) {
        void client.invalidateQueries({ queryKey: ['scripts.list'] });
        notifications.show({
          color: 'teal',
          title: t('scriptList.imported'),
          message: result.warnings.length ? t('scriptList.importedWarnings', { count: result.warnings.length }) : file.name,
        });
        navigate(`/scripts/${result.id}`);
      } else setReport({ fileName: file.name, problems: result.problems });
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <FileButton onChange={(f) => void pick(f)} multiple accept="application/json,.json,image/*,video/*,audio/*,.pdf,.zip,.ogg,.oga,.opus">
        {(props) => (
          <Button {...props} title={t('mediaPicker.importWithMedia')} variant="default" leftSection={<IconFileImport size={16} />} loading={busy} data-testid="import-script">
            {t('scriptList.import')}
          </Button>
        )}
      </FileButton>
      <Modal opened={report !== null || error !== null} onClose={() => (setReport(null), setError(null))} title={t('scriptList.importFailed')} size="lg">
        {error && <ErrorAlert error={error} />}
        {report && (
          <>
            <Alert color="red" variant="light" mb="sm" data-testid="import-report">
              {t('scriptList.importReport', { file: report.fileName, count: report.problems.length })}
            </Alert>
            <ScrollArea.Autosize mah={400}>
              <List size="sm" spacing={6}>
                {report.problems.map((p, i) => (
                  <List.Item key={i}>
                    <Code>{p.path || '/'}</Code> <Text span size="sm">{messageText(t, p)}</Text>
                  </List.Item>
                ))}
              </List>
            </ScrollArea.Autosize>
          </>
        )}
      </Modal>
    </>
  );
}
