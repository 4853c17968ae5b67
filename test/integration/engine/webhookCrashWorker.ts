// Child process for the webhook idempotency test: the whole app on `dataDir`; a lead writes to
// `accountId` (running `scriptId`), which starts a webhook call. The parent SIGKILLs this process
// while that call is at the receiver, so the turn never commits. Run with `node --import tsx`.
import { leadWrites, testApp } from '../../support/appFixture';

const [dataDir = '', accountId = '0', scriptId = '0'] = process.argv.slice(2);
const app = testApp(dataDir);
process.stdout.write('ready\n');
await leadWrites(app, Number(accountId), Number(scriptId), 'ann', 'привет');
