import { Box, Center, Flex, Stack, Text } from '@mantine/core';
import { IconClick } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FlowCanvas } from './canvas/FlowCanvas';
import { EditorHeader } from './EditorHeader';
import { useEditor } from './editorStore';
import { EmulatorPanel } from './emulator/EmulatorPanel';
import { FlowTabs } from './FlowTabs';
import { StepInspector } from './inspector/StepInspector';
import { useValidation } from './problems';
import { ProblemsPanel } from './ProblemsPanel';
import { ScriptSettingsDrawer } from './settings/ScriptSettingsDrawer';
import { StepPalette } from './StepPalette';
import { useAutosave } from './useAutosave';
import { useEditorShortcuts } from './useEditorShortcuts';

const border = '1px solid var(--mantine-color-gray-3)';

/** The editor's layout: header, flow tabs, palette | canvas | inspector or emulator, problems. */
export function EditorWorkspace() {
  const { t } = useTranslation();
  const validation = useValidation();
  const save = useAutosave();
  useEditorShortcuts(save.saveNow);
  const selected = useEditor((s) => s.selected);
  const [problemsOpen, setProblemsOpen] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [emulator, setEmulator] = useState<{ open: boolean; startAt: string | null }>({ open: false, startAt: null });
  const single = selected.length === 1 ? selected[0] : undefined;

  return (
    <Stack gap={0} h="100%">
      <EditorHeader
        validation={validation}
        save={save}
        onToggleProblems={() => setProblemsOpen((o) => !o)}
        onOpenSettings={() => setSettingsOpen(true)}
        onToggleEmulator={() => setEmulator((e) => ({ open: !e.open, startAt: null }))}
        emulatorOpen={emulator.open}
      />
      <FlowTabs />
      <Flex style={{ flex: 1, minHeight: 0 }}>
        <Box style={{ borderRight: border }}>
          <StepPalette />
        </Box>
        <Box style={{ flex: 1, minWidth: 0, position: 'relative' }}>
          <FlowCanvas validation={validation} />
        </Box>
        <Box w={emulator.open ? 420 : 360} style={{ borderLeft: border, minWidth: 0 }}>
          {emulator.open ? (
            <EmulatorPanel startAt={emulator.startAt} onClose={() => setEmulator({ open: false, startAt: null })} saveNow={save.saveNow} />
          ) : single ? (
            <StepInspector key={single} stepId={single} validation={validation} onTestFromHere={(id) => setEmulator({ open: true, startAt: id })} />
          ) : (
            <Center h="100%" p="lg">
              <Stack align="center" gap="xs">
                <IconClick size={28} color="var(--mantine-color-gray-5)" />
                <Text size="sm" c="dimmed" ta="center">
                  {selected.length > 1 ? t('editor.multiSelected', { count: selected.length }) : t('editor.selectHint')}
                </Text>
              </Stack>
            </Center>
          )}
        </Box>
      </Flex>
      {problemsOpen && (
        <Box h={180} style={{ borderTop: border }}>
          <ProblemsPanel validation={validation} onOpenSettings={() => setSettingsOpen(true)} />
        </Box>
      )}
      <ScriptSettingsDrawer opened={settingsOpen} onClose={() => setSettingsOpen(false)} validation={validation} />
    </Stack>
  );
}
