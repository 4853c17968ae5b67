import { create } from 'zustand';
import { useEditor } from '../editorStore';

interface EmulatorTrace {
  /** Where the emulated lead is now; null when no emulator runs. */
  at: { flowId: string; stepId: string } | null;
  /** Keep the canvas on the lead's step, switching flows as the lead does. */
  follow: boolean;
  setFollow(follow: boolean): void;
  /** Called with each emulator state; moves the canvas when following and the lead moved. */
  setAt(at: { flowId: string; stepId: string } | null): void;
}

/** The emulator's lead position, shared with the canvas (which highlights and follows it). */
export const useEmulatorTrace = create<EmulatorTrace>((set, get) => ({
  at: null,
  follow: true,
  setFollow: (follow) => {
    set({ follow });
    const { at } = get();
    if (follow && at) reveal(at);
  },
  setAt: (at) => {
    const before = get().at;
    set({ at });
    if (at && get().follow && (before?.flowId !== at.flowId || before.stepId !== at.stepId)) reveal(at);
  },
}));

/** Opens the lead's flow and centres its step, without changing the selection (the inspector stays). */
function reveal(at: { flowId: string; stepId: string }): void {
  const editor = useEditor.getState();
  if (!editor.body?.flows.some((f) => f.id === at.flowId)) return;
  useEditor.setState({ flowId: at.flowId, focus: { stepId: at.stepId, nonce: (editor.focus?.nonce ?? 0) + 1 } });
}
