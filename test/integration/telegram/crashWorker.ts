// Child process for the Telegram crash test: Voronka's side (SQLite, engine, Telegram service) on
// `dataDir`, talking to the fake Telegram server of the parent process on `port`, until the parent
// kills it with SIGKILL. Run with `node --import tsx`.
import { trustRsaKey, type PublicRsaKey } from '../../../src/main/sandbox/fakeTelegram/rsaKey';
import { startTelegramApp } from './telegramFixture';

const [dataDir = '', port = '0', rsaKey = '{}'] = process.argv.slice(2);
// teleproto's key map is per process: trust the parent's server key, as the parent's own clients do.
trustRsaKey(JSON.parse(rsaKey) as PublicRsaKey);
const app = startTelegramApp({ port: Number(port) }, { dataDir });
await app.service.start();
process.stdout.write(`ready ${app.statuses.at(-1)?.status ?? 'unknown'}\n`);
