import { Suspense } from 'react';
import { createHashRouter, Navigate, RouterProvider } from 'react-router-dom';
import { LoadingState } from './components/LoadingState';
import { useSettingsLiveUpdates } from './rpc/hooks';
import { AppLayout } from './shell/AppLayout';
import { sections } from './shell/sections';

// Hash routing: the Electron build is loaded from file://, where path routing cannot work.
const router = createHashRouter([
  {
    path: '/',
    element: <AppLayout />,
    children: [
      { index: true, element: <Navigate to="/scripts" replace /> },
      ...sections.map((s) => ({
        path: `${s.path.slice(1)}/*`,
        element: (
          <Suspense fallback={<LoadingState />}>
            <s.page />
          </Suspense>
        ),
      })),
      { path: '*', element: <Navigate to="/scripts" replace /> },
    ],
  },
]);

export function App() {
  useSettingsLiveUpdates();
  return <RouterProvider router={router} />;
}
