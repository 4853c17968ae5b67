import { ActionIcon, Badge, Button, Group, Kbd, Loader, Text, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import {
  IconAlertCircle,
  IconArrowBackUp,
  IconArrowForwardUp,
  IconArrowLeft,
  IconCheck,
  IconCloudUpload,
  IconMessageChatbot,
  IconSettings,
} from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { formatTime } from '../../../lib/format';
import { errorText, toastFailed } from '../../../lib/operatorToasts';
import { callRpc } from '../../../rpc/hooks';
import { useEditor } from './editorStore';
import type { Validation } from './problems';
import type { SaveState } from './useAutosave';

interface EditorHeaderProps {
  validation: Validation;
  save: { state: SaveState; savedAt: number | null; error: Error | null; saveNow(): Promise<void> };
  onToggleProblems(): void;
  onOpenSettings(): void;
  onToggleEmulator(): void;
  emulatorOpen: boolean;
}

function SaveBadge({ state, savedAt, error }: { state: SaveState; savedAt: number | null; error: Error | null }) {
  const { t } = useTranslation();
  // Why the draft was not saved (e.g. another script has this name), in the UI language.
  useEffect(() => {
    notifications.hide('autosave-failed');
    if (!error) return;
    notifications.show({ id: 'autosave-failed', color: 'red', title: t('editor.saveFailed'), message: errorText(t, error), autoClose: false, 'data-testid': 'save-error' } as Parameters<typeof notifications.show>[0]);
  }, [error, t]);
  if (state === 'saving' || state === 'pending')
    return (
      <Badge style={{ flexShrink: 0 }} variant="light" color="gray" leftSection={<Loader size={10} />} data-testid="save-state" data-state={state}>
        {t('editor.saving')}
      </Badge>
    );
  if (state === 'error')
    return (
      <Badge style={{ flexShrink: 0 }} variant="light" color="red" data-testid="save-state" data-state={state}>
        {t('editor.saveFailed')}
      </Badge>
    );
  return (
    <Badge style={{ flexShrink: 0 }} variant="light" color="teal" leftSection={<IconCheck size={10} />} data-testid="save-state" data-state={state}>
      {savedAt ? t('editor.savedAt', { time: formatTime(savedAt) }) : t('editor.saved')}
    </Badge>
  );
}

/** Back, name, save state, undo/redo, problems, settings, emulator and Publish. */
export function EditorHeader({ validation, save, onToggleProblems, onOpenSettings, onToggleEmulator, emulatorOpen }: EditorHeaderProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const name = useEditor((s) => s.body?.name ?? '');
  const canUndo = useEditor((s) => s.past.length > 0);
  const canRedo = useEditor((s) => s.future.length > 0);
  const undo = useEditor((s) => s.undo);
  const redo = useEditor((s) => s.redo);
  const [publishing, setPublishing] = useState(false);
  const errors = validation.errors.length;
  // The same list the problems panel shows: errors, and warnings when there are no errors.
  const warnings = validation.warnings.length;

  const publish = async (): Promise<void> => {
    const { scriptId, body, revision, setRevision } = useEditor.getState();
    if (scriptId == null || !body) return;
    setPublishing(true);
    try {
      await save.saveNow();
      const result = await callRpc('scripts.publish', { id: scriptId, body, revision });
      if (result.ok) {
        setRevision(result.revision);
        // Says who now runs this version, or that nobody does yet.
        const names = result.accounts.map((a) => a.name).join(', ');
        notifications.show({
          color: 'teal',
          title: t('editor.published'),
          message: `${t('desk.published', { revision: result.revision })}. ${names ? t('desk.publishedAccounts', { accounts: names }) : t('desk.publishedNone')}`,
          autoClose: 8000,
          'data-testid': 'publish-report',
        } as Parameters<typeof notifications.show>[0]);
        void client.invalidateQueries({ queryKey: ['scripts.list'] });
      } else {
        notifications.show({ color: 'red', title: t('editor.publishRefused'), message: t('editor.problemsCount', { count: result.problems.length }) });
      }
    } catch (e) {
      toastFailed(t, e, t('editor.publishFailed'));
    } finally {
      setPublishing(false);
    }
  };

  return (
    <Group justify="space-between" px="sm" py={8} wrap="nowrap" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
      <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
        <Tooltip label={t('editor.backToList')}>
          <ActionIcon variant="subtle" color="gray" onClick={() => navigate('/scripts')} aria-label={t('editor.backToList')}>
            <IconArrowLeft size={18} />
          </ActionIcon>
        </Tooltip>
        <Title order={4} lineClamp={1} data-testid="editor-title">
          {name}
        </Title>
        <SaveBadge state={save.state} savedAt={save.savedAt} error={save.error} />
      </Group>
      <Group gap="xs" wrap="nowrap">
        <Tooltip label={<Text size="xs">{t('editor.undo')} <Kbd size="xs">Ctrl+Z</Kbd></Text>}>
          <ActionIcon variant="default" disabled={!canUndo} onClick={undo} aria-label={t('editor.undo')} data-testid="undo">
            <IconArrowBackUp size={16} />
          </ActionIcon>
        </Tooltip>
        <Tooltip label={<Text size="xs">{t('editor.redo')} <Kbd size="xs">Ctrl+Shift+Z</Kbd></Text>}>
          <ActionIcon variant="default" disabled={!canRedo} onClick={redo} aria-label={t('editor.redo')} data-testid="redo">
            <IconArrowForwardUp size={16} />
          </ActionIcon>
        </Tooltip>
        <Button
          size="xs"
          variant={errors ? 'light' : 'subtle'}
          color={errors ? 'red' : warnings ? 'yellow' : 'gray'}
          data-errors={errors}
          data-warnings={warnings}
          leftSection={<IconAlertCircle size={14} />}
          onClick={onToggleProblems}
          data-testid="problems-toggle"
        >
          {warnings ? t('desk.problemsWarnings', { errors, warnings }) : t('editor.problemsCount', { count: errors })}
        </Button>
        <Button size="xs" variant="default" leftSection={<IconSettings size={14} />} onClick={onOpenSettings} data-testid="script-settings">
          {t('editor.scriptSettings')}
        </Button>
        <Button
          size="xs"
          variant={emulatorOpen ? 'filled' : 'light'}
          leftSection={<IconMessageChatbot size={14} />}
          onClick={onToggleEmulator}
          data-testid="emulator-toggle"
        >
          {t('editor.test')}
        </Button>
        <Tooltip label={errors ? t('editor.publishBlocked', { count: errors }) : t('editor.publishHint')} multiline w={260}>
          <Button
            size="xs"
            leftSection={<IconCloudUpload size={14} />}
            // data-disabled instead of disabled, so the tooltip with the reason still shows.
            data-disabled={errors > 0 || undefined}
            loading={publishing}
            onClick={(e) => (errors > 0 ? e.preventDefault() : void publish())}
            data-testid="publish"
          >
            {t('editor.publish')}
          </Button>
        </Tooltip>
      </Group>
    </Group>
  );
}
