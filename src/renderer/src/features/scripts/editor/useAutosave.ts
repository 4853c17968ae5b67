import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { callRpc } from '../../../rpc/hooks';
import { useEditor } from './editorStore';

export type SaveState = 'saved' | 'pending' | 'saving' | 'error';

const debounceMs = 900;

/**
 * Saves the draft (valid or not) a moment after the last change; `saveNow` for Ctrl+S and before
 * publishing. Leaving the editor flushes a pending save.
 */
export function useAutosave() {
  const client = useQueryClient();
  const version = useEditor((s) => s.version);
  const savedVersion = useEditor((s) => s.savedVersion);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [savedAt, setSavedAt] = useState<number | null>(null);
  const inFlight = useRef<Promise<void> | null>(null);

  const saveNow = useCallback(async (): Promise<void> => {
    if (inFlight.current) await inFlight.current;
    const { scriptId, body, version: current, savedVersion: saved, markSaved } = useEditor.getState();
    if (scriptId == null || !body || current === saved) return;
    setSaving(true);
    const run = callRpc('scripts.saveDraft', { id: scriptId, body })
      .then((result) => {
        markSaved(current);
        setSavedAt(result.savedAt);
        setError(null);
        void client.invalidateQueries({ queryKey: ['scripts.list'] });
      })
      .catch((e: unknown) => setError(e instanceof Error ? e : new Error(String(e))))
      .finally(() => {
        setSaving(false);
        inFlight.current = null;
      });
    inFlight.current = run;
    await run;
  }, [client]);

  useEffect(() => {
    if (version === savedVersion) return;
    const timer = setTimeout(() => void saveNow(), debounceMs);
    return () => clearTimeout(timer);
  }, [version, savedVersion, saveNow]);

  useEffect(() => {
    const warn = (e: BeforeUnloadEvent): void => {
      const s = useEditor.getState();
      if (s.version !== s.savedVersion) e.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => {
      window.removeEventListener('beforeunload', warn);
      void saveNow();
    };
  }, [saveNow]);

  const state: SaveState = saving ? 'saving' : error ? 'error' : version !== savedVersion ? 'pending' : 'saved';
  return { state, savedAt, error, saveNow };
}
