import { join } from 'node:path';
import { openDatabase, type Db } from '../../src/main/db/connection';
import { migrate } from '../../src/main/db/migrate';
import { indexNewMessages } from '../../src/main/db/searchIndex';
import { insertScript } from '../../src/main/db/repositories/scriptsRepo';
import { validateScript, type ScriptInput } from '../../src/shared/script';
import { mulberry } from './screenshots/renderScreenshot';

/** A script of `steps` message steps in 10 flows, laid out on a grid (the editor-load benchmark). */
export function bigScript(steps: number): ScriptInput {
  const perFlow = Math.ceil(steps / 10);
  const flows = Array.from({ length: 10 }, (_, f) => ({
    id: `f${f}`,
    name: `Flow ${f + 1}`,
    start: `f${f}s0`,
    steps: Array.from({ length: perFlow }, (_, s) => ({
      id: `f${f}s${s}`,
      type: 'message' as const,
      title: `Step ${f + 1}.${s + 1}`,
      messages: [{ text: `Сообщение ${f + 1}.${s + 1}` }],
      waitForReply: true,
      ...(s + 1 < perFlow ? { next: `f${f}s${s + 1}` } : {}),
      position: { x: (s % 10) * 280, y: Math.floor(s / 10) * 160 },
    })),
  }));
  return { formatVersion: 1, name: `Big script (${steps} steps)`, startFlow: 'f0', flows };
}

/**
 * Fills a data folder fast with plain SQL: `leads` Telegram leads on one account running a
 * template-sized script, `messagesPerLead` messages each, some needing a human, some tagged.
 */
export function seedDataDir(dataDir: string, options: { leads: number; messagesPerLead: number; bigScriptSteps?: number }): { db: Db; scriptId: number } {
  const db = openDatabase(join(dataDir, 'voronka.db'));
  migrate(db);
  const parsed = validateScript(bigScript(options.bigScriptSteps ?? 300));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const now = Date.now();
  const scriptId = insertScript(db, parsed.script, now);
  const account = Number(db.prepare("INSERT INTO accounts (kind, status, phone, display_name, script_id, created_at, updated_at) VALUES ('telegram', 'online', '+15550001', 'Seed account', ?, ?, ?)").run(scriptId, now, now).lastInsertRowid);
  const random = mulberry(7);
  const names = ['Анна', 'Олег', 'Ирина', 'Максим', 'Светлана', 'Дмитрий', 'John', 'Maria', 'Алексей', 'Екатерина'];
  const insertLead = db.prepare(
    `INSERT INTO leads (account_id, peer_id, first_name, username, status, script_id, flow_id, step_id, last_message_at, last_preview, unread, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertMessage = db.prepare("INSERT INTO messages (lead_id, direction, sender, text, status, ts, handled_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
  const insertTag = db.prepare('INSERT INTO lead_tags (lead_id, tag) VALUES (?, ?)');
  const batch = 5_000;
  for (let start = 0; start < options.leads; start += batch) {
    db.transaction(() => {
      for (let i = start; i < Math.min(options.leads, start + batch); i++) {
        const last = now - Math.floor(random() * 30 * 86_400_000);
        const status = i % 97 === 0 ? 'manual' : i % 13 === 0 ? 'stopped' : 'waiting';
        const flow = i % 10;
        const lead = Number(
          insertLead.run(account, `seed-${i}`, names[i % names.length], `user${i}`, status, scriptId, `f${flow}`, `f${flow}s${i % 30}`, last, `Сообщение ${i}`, i % 5 === 0 ? 2 : 0, last - 86_400_000, last).lastInsertRowid,
        );
        if (i % 3 === 0) insertTag.run(lead, 'warm');
        for (let m = 0; m < options.messagesPerLead; m++) {
          const incoming = m % 2 === 0;
          const ts = last - (options.messagesPerLead - m) * 60_000;
          insertMessage.run(lead, incoming ? 'in' : 'out', incoming ? 'lead' : 'bot', incoming ? `Вопрос ${m} от лида ${i}` : `Ответ ${m} лиду ${i}`, incoming ? 'received' : 'sent', ts, incoming ? ts : null);
        }
      }
    })();
  }
  // A folder that grew message by message has them indexed already (the app indexes every second).
  indexNewMessages(db);
  return { db, scriptId };
}
