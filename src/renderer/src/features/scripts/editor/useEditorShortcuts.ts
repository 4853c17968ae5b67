import { useEffect } from 'react';
import { pasteSteps } from './editorOps';
import { useEditor } from './editorStore';

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.isContentEditable);
}

/** Ctrl/Cmd+Z undo, Ctrl+Shift+Z or Ctrl+Y redo, Ctrl+S save, Ctrl+C/V/D copy, paste, duplicate steps. */
export function useEditorShortcuts(saveNow: () => Promise<void>): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      const key = e.key.toLowerCase();
      const state = useEditor.getState();
      // Form fields are bound to the script, so undo there is the editor's undo too.
      if (key === 'z' && !e.shiftKey) {
        e.preventDefault();
        state.undo();
      } else if ((key === 'z' && e.shiftKey) || key === 'y') {
        e.preventDefault();
        state.redo();
      } else if (key === 's') {
        e.preventDefault();
        void saveNow();
      } else if (isTyping(e.target) || window.getSelection()?.toString()) {
        return;
      } else if (key === 'c' || key === 'd') {
        const flow = state.body?.flows.find((f) => f.id === state.flowId);
        const steps = flow?.steps.filter((s) => state.selected.includes(s.id)) ?? [];
        if (!steps.length) return;
        e.preventDefault();
        if (key === 'c') state.setClipboard(structuredClone(steps));
        else paste(steps);
      } else if (key === 'v' && state.clipboard?.length) {
        e.preventDefault();
        paste(state.clipboard);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [saveNow]);
}

function paste(steps: Parameters<typeof pasteSteps>[2]): void {
  const state = useEditor.getState();
  if (!state.body || !state.flowId) return;
  const { script, ids } = pasteSteps(state.body, state.flowId, steps);
  state.commit(script);
  state.select(ids);
}
