import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { publicTestRsaKey } from '../../../src/main/sandbox/fakeTelegram/rsaKey';
import type { SimUser } from '../../../src/main/sandbox/fakeTelegram/worldRecords';
import { startFakeTelegram, type FakeTelegram } from '../../support/fake-telegram/harness';
import { closeTelegramApp, signIn, startTelegramApp } from './telegramFixture';

// The app runs in a child process that is SIGKILLed mid-conversation; the fake Telegram server runs
// here and outlives it, so its world state is the record of what Telegram really received.

const PHONE = '15550601';
let fake: FakeTelegram;
let users: SimUser[];
let dataDir: string;
const children: ChildProcess[] = [];

beforeEach(async () => {
  fake = await startFakeTelegram();
  fake.addAccount({ phone: PHONE });
  users = ['Ann', 'Ben', 'Cat', 'Dan', 'Eve'].map((name) => fake.world.addUser({ firstName: name }));
  const app = startTelegramApp(fake);
  await signIn(app, fake, PHONE);
  await closeTelegramApp(app);
  dataDir = app.dataDir;
});
afterEach(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  children.length = 0;
  await fake.stop();
});

/** Starts the app in a child process; resolves once its account is connected and caught up. */
async function startChild(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/integration/telegram/crashWorker.ts', dataDir, String(fake.port), JSON.stringify(publicTestRsaKey())], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  const line = await new Promise<string>((resolve, reject) => {
    child.stdout?.once('data', (d: Buffer) => resolve(d.toString()));
    child.once('exit', (code) => reject(new Error(`the app process exited with ${code}`)));
  });
  expect(line.trim()).toBe('ready online');
  return child;
}

async function kill(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

const account = () => fake.world.account(PHONE);
const incomingIds = (): number[] => account().messages.filter((m) => !m.out).map((m) => m.id);

/** Reads the child's database (WAL: a second process may read while it writes). */
function readDb<T>(query: (db: Database.Database) => T): T {
  const db = new Database(join(dataDir, 'voronka.db'), { readonly: true });
  try {
    return query(db);
  } finally {
    db.close();
  }
}

describe('telegram: the app is killed mid-conversation', () => {
  it('after SIGKILLs and a restart, every incoming message is processed once and no reply is sent twice', { timeout: 900_000 }, async () => {
    let n = 0;
    const writer = setInterval(() => {
      const user = users[n % users.length] as SimUser;
      fake.world.userWrites(PHONE, user.id, `message ${n++}`);
    }, 20);
    try {
      for (const afterReplies of [3, 8, 5]) {
        const child = await startChild();
        const before = account().sent.length;
        await fake.waitFor(() => account().sent.length >= before + afterReplies, 'replies before the kill');
        await kill(child); // mid-conversation: users are writing, the sender is sending
        await new Promise((r) => setTimeout(r, 150)); // users keep writing while the app is down
      }
    } finally {
      clearInterval(writer);
    }

    const child = await startChild();
    const settled = (): boolean =>
      readDb((db) => {
        const stored = db.prepare("SELECT COUNT(*) FROM messages WHERE direction = 'in' AND handled_at IS NOT NULL").pluck().get();
        const pending = db.prepare("SELECT COUNT(*) FROM messages WHERE random_id IS NOT NULL AND sent_at IS NULL").pluck().get();
        return stored === incomingIds().length && pending === 0;
      });
    await fake.waitFor(settled, 'every message handled and every reply sent', 300_000);
    await kill(child);

    const world = account();
    const db = readDb((d) => ({
      incoming: d.prepare("SELECT telegram_id FROM messages WHERE direction = 'in' ORDER BY telegram_id").pluck().all() as number[],
      unhandled: d.prepare("SELECT COUNT(*) FROM messages WHERE direction = 'in' AND handled_at IS NULL").pluck().get(),
      outbox: d.prepare("SELECT m.random_id AS randomId, l.peer_id AS peer, m.text FROM messages m JOIN leads l ON l.id = m.lead_id WHERE m.random_id IS NOT NULL ORDER BY m.id").all() as {
        randomId: string;
        peer: string;
        text: string;
      }[],
    }));

    // Incoming: every message the users wrote stored once and acted on.
    expect(world.messages.filter((m) => !m.out).length).toBeGreaterThan(50);
    expect(db.incoming).toEqual(incomingIds().sort((a, b) => a - b));
    expect(db.unhandled).toBe(0);

    // Outgoing, on the server's record: one message per queued message, same random_id, same text, none twice.
    const sentIds = world.sent.map((s) => s.randomId);
    expect(new Set(sentIds).size).toBe(sentIds.length);
    expect([...sentIds].sort()).toEqual(db.outbox.map((o) => o.randomId).sort());
    const byRandomId = new Map(world.sent.map((s) => [s.randomId, s]));
    for (const row of db.outbox) expect(byRandomId.get(row.randomId)).toMatchObject({ text: row.text, peerUserId: Number(row.peer) });
    for (const user of users) {
      // The echo funnel alternates ping/pong per turn: a turn replayed after a crash would break it.
      const texts = world.sent.filter((s) => s.peerUserId === user.id).map((s) => s.text);
      expect(texts.length).toBeGreaterThan(0);
      expect(texts).toEqual(texts.map((_, i) => (i % 2 === 0 ? 'ping' : 'pong')));
      expect(texts.length).toBeLessThanOrEqual(world.messages.filter((m) => !m.out && m.peerUserId === user.id).length);
    }
    expect(fake.server.connectionErrors).toEqual([]);
  });
});
