import { Route, Routes } from 'react-router-dom';
import { ScriptEditor } from './editor/ScriptEditor';
import { ScriptList } from './list/ScriptList';

export function ScriptsPage() {
  return (
    <Routes>
      <Route index element={<ScriptList />} />
      <Route path=":id" element={<ScriptEditor />} />
    </Routes>
  );
}
