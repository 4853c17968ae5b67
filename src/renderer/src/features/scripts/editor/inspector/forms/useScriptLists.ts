import { useMemo } from 'react';
import { useEditor } from '../../editorStore';

/** Declared tags, fields and flows of the open script, for suggestions in the step forms. */
export function useScriptLists() {
  const body = useEditor((s) => s.body);
  return useMemo(
    () => ({
      tags: (body?.tags ?? []).map((t) => t.name),
      fields: (body?.fields ?? []).map((f) => ({ value: f.key, label: f.label ? `${f.key} — ${f.label}` : f.key })),
      flows: (body?.flows ?? []).map((f) => ({ value: f.id, label: f.name })),
      body,
    }),
    [body],
  );
}
