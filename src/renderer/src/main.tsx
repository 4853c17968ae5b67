import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/charts/styles.css';
import '@xyflow/react/dist/style.css';
import { MantineProvider } from '@mantine/core';
import { ModalsProvider } from '@mantine/modals';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { languageForLocale } from '../../shared/settings';
import { App } from './App';
import { prefetchChatList } from './features/inbox/chatListQuery';
import { applyLanguage, initI18n } from './i18n';
import { callRpc } from './rpc/hooks';
import { rpc } from './rpc/rpcClient';
import { theme } from './theme';

async function boot(): Promise<void> {
  const queryClient = new QueryClient({
    defaultOptions: { queries: { staleTime: 30_000, retry: 1, refetchOnWindowFocus: false } },
  });
  if (window.location.hash.startsWith('#/inbox')) prefetchChatList(queryClient);
  // The language comes from the db before the first paint, so the UI never flashes the wrong one.
  const settings = await callRpc('settings.get', {}).catch(() => undefined);
  await initI18n(settings?.language ?? languageForLocale(navigator.language));
  if (settings) queryClient.setQueryData(['settings.get', {}], settings);
  rpc.on('settings.changed', (next) => void applyLanguage(next.language));

  const root = document.getElementById('root');
  if (!root) throw new Error('#root is missing from index.html');
  createRoot(root).render(
    <StrictMode>
      <MantineProvider theme={theme} defaultColorScheme="light">
        <QueryClientProvider client={queryClient}>
          <ModalsProvider>
            <Notifications position="bottom-right" limit={5} />
            <App />
          </ModalsProvider>
        </QueryClientProvider>
      </MantineProvider>
    </StrictMode>,
  );
}

void boot();
