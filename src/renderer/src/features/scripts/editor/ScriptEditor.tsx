// The canvas's styles load with the editor, not before the app's first paint.
import '@xyflow/react/dist/style.css';
import { Box } from '@mantine/core';
import { ReactFlowProvider } from '@xyflow/react';
import { useEffect } from 'react';
import { useParams } from 'react-router-dom';
import { scriptSchema, type Script } from '../../../../../shared/script';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { LoadingState } from '../../../components/LoadingState';
import { useRpcEvent, useRpcQuery } from '../../../rpc/hooks';
import { useEditor } from './editorStore';
import { EditorWorkspace } from './EditorWorkspace';

/** Drafts are stored even when invalid: take the parsed form when it parses, else the raw one. */
function toWorkingBody(raw: unknown): Script {
  const parsed = scriptSchema.safeParse(raw);
  return parsed.success ? parsed.data : (raw as Script);
}

/** Loads a script (its draft when there is one) into the editor store. */
export function ScriptEditor() {
  const scriptId = Number(useParams().id);
  const query = useRpcQuery('scripts.get', { id: scriptId });
  const loadedId = useEditor((s) => s.scriptId);
  const load = useEditor((s) => s.load);
  const setRevision = useEditor((s) => s.setRevision);

  useEffect(() => {
    const data = query.data;
    if (data && useEditor.getState().scriptId !== data.id) load(data.id, data.revision, toWorkingBody(data.draft ?? data.body));
  }, [query.data, load]);

  // Another window published: keep our revision current so our next publish is not a conflict.
  useRpcEvent('scripts.changed', ({ id }) => {
    if (id === scriptId) void query.refetch().then((r) => r.data && setRevision(r.data.revision));
  });

  if (query.error && loadedId !== scriptId)
    return (
      <Box p="xl">
        <ErrorAlert error={query.error} />
      </Box>
    );
  if (loadedId !== scriptId) return <LoadingState />;
  return (
    <ReactFlowProvider>
      <EditorWorkspace />
    </ReactFlowProvider>
  );
}
