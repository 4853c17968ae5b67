import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { startBenchTelegramHost } from './telegramHost';
import { mb, print } from './stats';

/**
 * Accounts per machine: 10, then 50, then 100 accounts signed in (imported sessions) and connected
 * to the local Telegram server, in one host — this process: the database, the engine and the real
 * Telegram service with one teleproto client per account, as the app runs them. The server runs in
 * a child process so none of its memory or CPU is counted. At each count, after the connections
 * settle: resident memory over the same process before any account (after a GC), and CPU use over
 * an idle window (nobody writes; keep-alive pings and update polling are what is left). RSS is
 * coarse (V8 keeps freed heap), so the JS heap in use is printed next to it.
 */
export async function benchAccounts(counts = [10, 50, 100], idleSeconds = 10): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'fakeTelegramChild.ts')], { stdio: ['pipe', 'pipe', 'inherit'] });
  const replies = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const reply = async <T>(): Promise<T> => {
    const next = await replies.next();
    if (next.done) throw new Error('the fake Telegram process exited');
    return JSON.parse(next.value as string) as T;
  };
  const { port } = await reply<{ port: number }>();

  const { engine, service } = startBenchTelegramHost('accounts', port);
  const online = (): number => engine.db.prepare("SELECT count(*) FROM accounts WHERE kind = 'telegram' AND status = 'online'").pluck().get() as number;
  try {
    await settle(2);
    const { rss: rssBefore, heapUsed: heapBefore } = process.memoryUsage();
    print('accounts.host_rss_before_mb', mb(rssBefore), 0);
    let connected = 0;
    for (const count of counts) {
      child.stdin.write(`add ${count - connected}\n`);
      const { sessions } = await reply<{ sessions: { phone: string; session: string }[] }>();
      const started = performance.now();
      for (const { session } of sessions) {
        const login = await service.importSession({ session, apiId: 1, apiHash: '0123456789abcdef0123456789abcdef', scriptId: engine.scriptId });
        if (login.state !== 'signed_in') throw new Error(`bench: import failed: ${JSON.stringify(login)}`);
      }
      while (online() < count) await new Promise((r) => setTimeout(r, 100));
      connected = count;
      const connectSeconds = (performance.now() - started) / 1000;
      await settle(5);
      const { rss, heapUsed } = process.memoryUsage();
      const cpuStart = process.cpuUsage();
      const wallStart = performance.now();
      await new Promise((r) => setTimeout(r, idleSeconds * 1000));
      const cpu = process.cpuUsage(cpuStart);
      const cpuPercent = ((cpu.user + cpu.system) / 1000 / (performance.now() - wallStart)) * 100;
      print(`accounts.${count}.connected`, online(), 0);
      print(`accounts.${count}.connect_s`, connectSeconds, 1);
      print(`accounts.${count}.host_rss_mb`, mb(rss), 0);
      print(`accounts.${count}.rss_per_account_mb`, mb(rss - rssBefore) / count, 2);
      print(`accounts.${count}.js_heap_per_account_mb`, mb(heapUsed - heapBefore) / count, 2);
      print(`accounts.${count}.idle_cpu_percent`, cpuPercent, 2);
      print(`accounts.${count}.idle_cpu_percent_per_account`, cpuPercent / count, 3);
    }
  } finally {
    await service.stop();
    await engine.engine.idle();
    engine.writes?.flush();
    engine.db.close();
    child.stdin.end();
  }
}

/** Lets start-up work finish, then collects garbage so resident memory is what stays. */
async function settle(seconds: number): Promise<void> {
  await new Promise((r) => setTimeout(r, seconds * 1000));
  global.gc?.();
  await new Promise((r) => setTimeout(r, 200));
}
