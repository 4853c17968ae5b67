import { startFakeTelegram } from '../support/fake-telegram/harness';
import { startBenchTelegramHost } from './telegramHost';
import { mb, percentile, print } from './stats';

/**
 * 1,000 simulated users write to one account at the same moment, through the real teleproto client
 * and the fake Telegram server (both in this process, so they share its CPU). Human-like delays are
 * zero (no typing, no rate caps; read marks still go out), debounce is 0, the script is the echo
 * funnel. Latency: from the user's message to the fake server receiving the reply.
 */
export async function benchTelegramLoad(users = 1_000): Promise<void> {
  const fake = await startFakeTelegram();
  const phone = '15559990000';
  fake.addAccount({ phone });
  const people = Array.from({ length: users }, (_, i) => fake.world.addUser({ firstName: `User ${i}` }));

  const { engine, service } = startBenchTelegramHost('telegram', fake.port);
  const login = await service.importSession({ session: await fake.fixtureSession(phone), apiId: 1, apiHash: '0123456789abcdef0123456789abcdef', scriptId: engine.scriptId });
  if (login.state !== 'signed_in') throw new Error(`bench: sign-in failed: ${JSON.stringify(login)}`);
  // No typing, caps off (0): the documented account settings, the same path a user's edit takes.
  await service.update({ id: login.account.id, human: { typingMaxMs: 0, messagesPerMinute: 0, newChatsPerDay: 0 } });
  await fake.waitFor(() => fake.server.hasUpdatesConnection(phone), 'the account online');

  const account = fake.world.account(phone);
  const writtenAt = new Map<number, number>();
  for (const person of people) {
    writtenAt.set(person.id, Date.now());
    fake.world.userWrites(phone, person.id, 'привет');
  }
  await fake.waitFor(() => new Set(account.sent.map((s) => s.peerUserId)).size >= users, 'every user answered', 300_000);

  const latencies: number[] = [];
  const answered = new Set<number>();
  for (const sent of account.sent) {
    if (answered.has(sent.peerUserId)) continue;
    answered.add(sent.peerUserId);
    latencies.push(sent.time - (writtenAt.get(sent.peerUserId) ?? sent.time));
  }
  latencies.sort((a, b) => a - b);
  print('telegram.users', users, 0);
  print('telegram.answered', answered.size, 0);
  print('telegram.p50_ms', percentile(latencies, 50), 0);
  print('telegram.p99_ms', percentile(latencies, 99), 0);
  print('telegram.rss_mb', mb(process.memoryUsage().rss), 0);

  await service.stop();
  await engine.engine.idle();
  engine.writes?.flush();
  engine.db.close();
  await fake.stop();
}
