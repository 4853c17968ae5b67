import type { Page } from '@playwright/test';

/**
 * Holds the `nth` media.uploadPiece request between the page and the host until `release` is called,
 * so the test sees the upload mid-way whatever the machine's speed. Everything else passes through.
 */
export async function holdPiece(page: Page, nth: number): Promise<{ release: () => void }> {
  let pieces = 0;
  let held: (() => void) | null = null;
  let released = false;
  await page.routeWebSocket(
    (url) => url.pathname === '/rpc',
    (ws) => {
      const server = ws.connectToServer();
      server.onMessage((message) => ws.send(message));
      ws.onMessage((message) => {
        const method = typeof message === 'string' ? (JSON.parse(message) as { method?: string }).method : undefined;
        if (method === 'media.uploadPiece' && ++pieces === nth && !released) held = () => server.send(message);
        else server.send(message);
      });
    },
  );
  return {
    release: () => {
      released = true;
      held?.();
    },
  };
}
