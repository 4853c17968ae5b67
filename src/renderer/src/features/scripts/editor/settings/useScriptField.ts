import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { pathKey } from '../editorOps';
import { useEditor } from '../editorStore';
import { getAtPath, writeAtPath, type Path } from '../inspector/stepFieldContext';
import type { LocatedProblem } from '../problems';
import { messageText } from '../../../../lib/messageText';

/** A script-level value (name, AI settings, fields…), its setter and its validation message. */
export function useScriptField<T>(path: Path, problems: readonly LocatedProblem[]) {
  const { t } = useTranslation();
  const value = useEditor((s) => getAtPath(s.body, path)) as T | undefined;
  const key = pathKey(path);
  const set = useCallback(
    (next: T | undefined) => {
      const { body, commit } = useEditor.getState();
      if (!body) return;
      const copy = structuredClone(body);
      writeAtPath(copy, path, next);
      commit(copy, `script:${key}`);
    },
    // path is described by key
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [key],
  );
  const messages = problems.filter((p) => p.path === key || p.path.startsWith(`${key}.`) || p.path.startsWith(`${key}[`));
  return { value, set, error: messages.length ? messages.map((p) => messageText(t, p)).join(' · ') : undefined };
}
