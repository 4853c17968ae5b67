import { Alert, Button, Code, FileButton, List, Modal, ScrollArea, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { IconFileImport } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { callRpc } from '../../../rpc/hooks';
import { messageText } from '../../../lib/messageText';
import type { ScriptProblem } from '../../../../../shared/script';
import { UploadProgress, type UploadState } from '../../../components/UploadProgress';
import { FileUnreadable, UploadCancelled, uploadMedia } from '../../../lib/uploadMedia';
import { mediaFileMaxBytes } from '../../../../../shared/rpc/media';

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
  // The media files going into the library before the script: which one, and how far.
  const [upload, setUpload] = useState<(UploadState & { index: number; count: number }) | null>(null);
  const cancel = useRef<AbortController | null>(null);

  const pick = async (picked: File[]): Promise<void> => {
    // The script's .json, and any media files picked with it (copied into the data folder by main).
    const file = picked.find((f) => f.name.toLowerCase().endsWith('.json')) ?? picked[0];
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const json = await file.text();
      // Each media file into the media library first, piece by piece (a request must fit the 8 MB RPC
      // frame; a video can be 2 GB), then the script names them by path. Cancel stops the whole import.
      const media = picked.filter((p) => p !== file);
      const tooLarge = media.find((f) => f.size > mediaFileMaxBytes);
      if (tooLarge) {
        notifications.show({ color: 'red', title: tooLarge.name, message: t('mediaPicker.tooLarge', { mb: mediaFileMaxBytes / 1024 / 1024 }) });
        return;
      }
      const empty = media.find((f) => f.size === 0);
      if (empty) {
        notifications.show({ color: 'red', title: empty.name, message: t('mediaPicker.empty') });
        return;
      }
      const controller = new AbortController();
      cancel.current = controller;
      const files: { name: string; path: string }[] = [];
      for (const [index, f] of media.entries()) {
        const progress = (sent: number, total: number): void => setUpload({ name: f.name, sent, total, index: index + 1, count: media.length });
        progress(0, f.size);
        files.push({ name: f.name, path: (await uploadMedia(f, { signal: controller.signal, onProgress: progress })).path });
      }
      setUpload(null);
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
      if (e instanceof UploadCancelled) notifications.show({ color: 'gray', message: t('mediaPicker.cancelled') });
      else if (e instanceof FileUnreadable) notifications.show({ color: 'red', title: t('scriptList.importFailed'), message: t('mediaPicker.unreadable', { name: e.fileName }) });
      else setError(e instanceof Error ? e : new Error(String(e)));
    } finally {
      cancel.current = null;
      setUpload(null);
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
      <Modal opened={upload !== null} onClose={() => cancel.current?.abort()} title={upload ? t('mediaPicker.importing', { index: upload.index, count: upload.count }) : ''} withCloseButton={false} closeOnClickOutside={false}>
        {upload && <UploadProgress upload={upload} onCancel={() => cancel.current?.abort()} testId="import-upload" />}
      </Modal>
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
