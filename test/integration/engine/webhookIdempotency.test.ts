import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ScriptInput } from '../../../src/shared/script';
import { addAccount, leadWrites, testApp } from '../../support/appFixture';

// The receiver runs here; the app runs in a child process that is SIGKILLed while its webhook call
// is at the receiver (the call arrived, the turn that made it never committed). The app started
// again runs that turn again: the call is repeated — at-least-once — with the same Idempotency-Key.

let server: Server | undefined;
const children: ChildProcess[] = [];
afterEach(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  children.length = 0;
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

function script(url: string): ScriptInput {
  return {
    formatVersion: 1,
    name: 'CRM',
    allowLocalTargets: true, // the receiver listens on 127.0.0.1
    startFlow: 'main',
    flows: [
      {
        id: 'main',
        name: 'Main',
        start: 'crm',
        steps: [
          { id: 'crm', type: 'webhook', method: 'POST', url: `${url}/crm`, body: '{"name":"{{lead.first_name}}"}', next: 'ok' },
          { id: 'ok', type: 'message', messages: [{ text: 'Записал' }], waitForReply: true, next: 'crm' },
        ],
      },
    ],
  };
}

describe('webhook idempotency key', () => {
  it('a call repeated because its turn did not commit (the app was killed) carries the same key; the next call another', { timeout: 120_000 }, async () => {
    const received: { key: string | undefined; body: string }[] = [];
    let onFirst: (() => void) | undefined;
    const firstArrived = new Promise<void>((r) => (onFirst = r));
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push({ key: req.headers['idempotency-key'] as string | undefined, body });
        // The first request is only recorded: the app dies before it could see an answer.
        if (received.length === 1) onFirst?.();
        else res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((r) => server?.listen(0, '127.0.0.1', () => r()));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const setup = testApp();
    const imported = await setup.call('scripts.import', { json: JSON.stringify(script(url)) });
    if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
    const accountId = addAccount(setup, imported.id);
    const dataDir = setup.info.dataDir;
    await setup.close();

    const child = spawn(process.execPath, ['--import', 'tsx', 'test/integration/engine/webhookCrashWorker.ts', dataDir, String(accountId), String(imported.id)], { stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(child);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await firstArrived;
    child.kill('SIGKILL');
    await exited;

    const app = testApp(dataDir);
    try {
      const leadId = app.db.prepare('SELECT id FROM leads').pluck().get() as number;
      // The message was stored but never handled: start-up recovery runs the turn again.
      await vi.waitFor(() => expect(app.db.prepare("SELECT count(*) FROM events WHERE lead_id = ? AND type = 'webhook.sent'").pluck().get(leadId)).toBe(1), { timeout: 30_000, interval: 20 });
      expect(received).toHaveLength(2);
      expect(received[0]?.key).toMatch(/^voronka-\d+-/);
      expect(received[1]?.key).toBe(received[0]?.key);
      expect(received[1]?.body).toBe(received[0]?.body);

      // The lead answers and the funnel calls the CRM again: a new logical call, a new key.
      const peer = app.db.prepare('SELECT peer_id FROM leads WHERE id = ?').pluck().get(leadId) as string;
      await leadWrites(app, accountId, imported.id, peer, 'ещё');
      await app.engine.idle();
      expect(received).toHaveLength(3);
      expect(received[2]?.key).toMatch(/^voronka-\d+-/);
      expect(received[2]?.key).not.toBe(received[0]?.key);
    } finally {
      await app.close();
    }
  });
});
