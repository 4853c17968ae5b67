import { humanDefaults } from '../../src/shared/rpc/accounts';
import type { ScriptInput } from '../../src/shared/script';
import { typingMs } from '../../src/main/telegram/humanSettings';
import { startFakeTelegram } from '../support/fake-telegram/harness';
import { startBenchTelegramHost } from './telegramHost';
import { print } from './stats';

const greeting = 'Привет! Рад, что написали. Сейчас коротко расскажу, как всё устроено и с чего начать.';

/** One greeting per new lead: a reply long enough for a visible "typing…". */
const greetingScript: ScriptInput = {
  formatVersion: 1,
  name: 'Burst',
  startFlow: 'main',
  flows: [{ id: 'main', name: 'Main', start: 'hello', steps: [{ id: 'hello', type: 'message', messages: [{ text: greeting }], waitForReply: true, next: 'hello' }] }],
};

/**
 * The burst figure: `leads` people write to one account at the same moment, with the default
 * human-like settings (typing on, read marks, caps). Prints when the last lead's first reply went
 * out (from the moment they wrote) beside the sum of every lead's typing time: when one chat's
 * "typing…" held the others, the first was at least the second.
 */
export async function benchTelegramBurst(leads = 20): Promise<void> {
  const fake = await startFakeTelegram();
  const phone = '15559990001';
  fake.addAccount({ phone });
  const people = Array.from({ length: leads }, (_, i) => fake.world.addUser({ firstName: `Lead ${i}` }));

  const { engine, service } = startBenchTelegramHost('burst', fake.port, greetingScript);
  const login = await service.importSession({ session: await fake.fixtureSession(phone), apiId: 1, apiHash: '0123456789abcdef0123456789abcdef', scriptId: engine.scriptId });
  if (login.state !== 'signed_in') throw new Error(`bench: sign-in failed: ${JSON.stringify(login)}`);
  // Defaults, except that the per-minute cap must let one reply per lead through at once.
  const human = { ...humanDefaults, messagesPerMinute: Math.max(humanDefaults.messagesPerMinute, leads) };
  await service.update({ id: login.account.id, human });
  await fake.waitFor(() => fake.server.hasUpdatesConnection(phone), 'the account online');

  const account = fake.world.account(phone);
  const startedAt = Date.now();
  for (const person of people) fake.world.userWrites(phone, person.id, 'привет');
  await fake.waitFor(() => new Set(account.sent.map((s) => s.peerUserId)).size >= leads, 'every lead answered', 600_000);

  const firstReply = new Map<number, number>();
  for (const s of account.sent) if (!firstReply.has(s.peerUserId)) firstReply.set(s.peerUserId, s.time);
  const lastFirstReplyMs = Math.max(...firstReply.values()) - startedAt;
  const typingSumMs = leads * typingMs(greeting, human);
  print('telegram.burst.leads', leads, 0);
  print('telegram.burst.last_first_reply_ms', lastFirstReplyMs, 0);
  print('telegram.burst.typing_sum_ms', typingSumMs, 0);

  await service.stop();
  await engine.engine.idle();
  engine.writes?.flush();
  engine.db.close();
  await fake.stop();
}
