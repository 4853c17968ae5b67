// First, before any module that parses with zod runs (ES modules evaluate in import order).
import './zodWithoutEval';
import { MantineProvider } from '@mantine/core';
import { ModalsProvider } from '@mantine/modals';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { languageForLocale } from '../../shared/language';
import { App } from './App';
import { prefetchChatList } from './features/inbox/chatListQuery';
import { applyLanguage, initI18n } from './i18n';
import { dropEarlyCalls } from './rpc/earlyCalls';
import { callRpcOrEarly } from './rpc/hooks';
import { rpc } from './rpc/rpcClient';
import { theme } from './theme';

async function boot(): Promise<void> {
  const queryClient = new QueryClient({
    defaultOptions: { queries: { staleTime: 30_000, retry: 1, refetchOnWindowFocus: false } },
  });
  if (window.location.hash.startsWith('#/inbox')) prefetchChatList(queryClient);
  // The language comes from the db before the first paint, so the UI never flashes the wrong one.
  const settings = await callRpcOrEarly('settings.get', {}).catch(() => undefined);
  await initI18n(settings?.language ?? languageForLocale(navigator.language));
  if (settings) queryClient.setQueryData(['settings.get', {}], settings);
  rpc.on('settings.changed', (next) => void applyLanguage(next.language));

  await stylesheetsLoaded();
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
  dropEarlyCalls();
}

/**
 * boot.ts runs `async`, so possibly before index.html's stylesheet has loaded: the first render
 * waits for it rather than painting unstyled (the settings, the first chat page and this module's
 * evaluation have meanwhile gone ahead in parallel).
 */
function stylesheetsLoaded(): Promise<unknown> {
  const pending = [...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')].filter((link) => !link.sheet);
  const loaded = Promise.all(
    pending.map(
      (link) =>
        new Promise((resolve) => {
          link.addEventListener('load', resolve, { once: true });
          link.addEventListener('error', resolve, { once: true });
        }),
    ),
  );
  // A stylesheet that failed before this ran fires neither event again: an unstyled app beats a blank window.
  return Promise.race([loaded, new Promise((resolve) => setTimeout(resolve, 2_000))]);
}

void boot();
