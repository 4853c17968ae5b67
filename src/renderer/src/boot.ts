// The styles every page needs, first: built into <link>s in index.html, loaded beside the scripts.
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import { chatPageInput } from './features/inbox/chatListPage';
import { sendEarlyCall } from './rpc/earlyCalls';

/*
 * The page's entry: small on purpose. It opens the RPC socket (rpc/rpcClient) and sends the calls
 * the first screen needs, then loads the app. Evaluating the app's modules (React, Mantine, the
 * router, i18n resources) takes 100–250 ms; the socket handshake and the first chat page are ready
 * by the time it is done, instead of starting after it.
 */
sendEarlyCall('settings.get', {});
// The inbox's filters live in memory only: on a fresh page they are always none.
if (window.location.hash.startsWith('#/inbox')) sendEarlyCall('leads.list', chatPageInput({}, null));
// The page's first Intl date formatter loads ICU's locale data (~13 ms, a one-off): made here, while
// the app's scripts download, it is not part of the first render (the chat list dates every row).
new Intl.DateTimeFormat(navigator.language, { hour: '2-digit', minute: '2-digit' }).format(0);
void import('./main');
