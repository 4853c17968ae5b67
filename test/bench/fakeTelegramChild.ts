import { createInterface } from 'node:readline';
import { fixtureSession } from '../../src/main/sandbox/fakeTelegram/clientHooks';
import { testRsaKey } from '../../src/main/sandbox/fakeTelegram/rsaKey';
import { FakeTelegramServer } from '../../src/main/sandbox/fakeTelegram/server';

/**
 * The local Telegram server in a process of its own, so a benchmark's host process measures only
 * itself (memory, CPU). Prints `{"port":N}`, then answers each stdin line `add COUNT` with
 * `{"sessions":[{"phone","session"}…]}` for COUNT new signed-in accounts. Exits when stdin closes.
 */
testRsaKey();
const server = new FakeTelegramServer();
const port = await server.listen(0);
process.stdout.write(`${JSON.stringify({ port })}\n`);
let made = 0;
const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const count = Number(/^add (\d+)$/.exec(line.trim())?.[1] ?? 0);
  void (async () => {
    const sessions: { phone: string; session: string }[] = [];
    for (let i = 0; i < count; i++) {
      const phone = `1555700${String(++made).padStart(4, '0')}`;
      server.world.addAccount({ phone, firstName: `Bench ${made}` });
      sessions.push({ phone, session: await fixtureSession(server, phone) });
    }
    process.stdout.write(`${JSON.stringify({ sessions })}\n`);
  })();
});
lines.on('close', () => process.exit(0));
