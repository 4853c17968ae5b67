import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createApp } from '../../src/main/app';
import { openDatabase } from '../../src/main/db/connection';
import { migrate } from '../../src/main/db/migrate';
import { insertScript } from '../../src/main/db/repositories/scriptsRepo';
import { receiveMessage } from '../../src/main/inbound/receiveMessage';
import { createLogger } from '../../src/main/log';
import type { RpcOutput } from '../../src/shared/rpc';
import { validateScript } from '../../src/shared/script';
import { abPlan, journeyLeads } from './seedPlans';

const day = 86_400_000;

/**
 * The inbox journey's data folder, written through the app's own code path: the composition root
 * creates a script from the screenshot-funnel template, a Telegram-kind account (disabled: no real
 * connection) runs it, and a few leads write in through `receiveMessage`, so the funnel answers
 * them as it would live. Closes the app before returning; start the headless host on the folder next.
 */
export async function seedInboxJourney(dataDir: string): Promise<{ scriptId: number; accountId: number; leadIds: Record<string, number> }> {
  const app = createApp({ dataDir, host: 'headless', version: 'seed', defaultLanguage: 'en', log: createLogger('seed', { sink: () => {} }), tracker: { port: 0 } });
  try {
    const created = await app.rpc.dispatch('scripts.create', { template: 'screenshot-funnel' });
    if (!created.ok) throw new Error(`scripts.create: ${created.error.message}`);
    const scriptId = (created.value as RpcOutput<'scripts.create'>).id;
    const now = Date.now();
    const accountId = Number(
      app.db
        .prepare("INSERT INTO accounts (kind, status, phone, display_name, script_id, enabled, created_at, updated_at) VALUES ('telegram', 'disabled', '+15550001', 'Sales account', ?, 0, ?, ?)")
        .run(scriptId, now, now).lastInsertRowid,
    );
    const leadIds: Record<string, number> = {};
    const turns = Math.max(...journeyLeads.map((l) => l.says.length));
    for (let turn = 0; turn < turns; turn++)
      for (const lead of journeyLeads) {
        const text = lead.says[turn];
        if (text === undefined) continue;
        const ts = Date.now();
        const { leadId } = await receiveMessage(
          app.db,
          app.writes,
          app.engine,
          { lead: { accountId, peerId: lead.peer, firstName: lead.firstName, username: lead.username }, scriptId, message: { text, ts } },
          app.tracker,
        );
        leadIds[lead.peer] = leadId;
      }
    await app.engine.idle();
    return { scriptId, accountId, leadIds };
  } finally {
    await app.close();
  }
}

/**
 * A data folder with A/B statistics whose every figure is known (`abPlan`), written with plain SQL:
 * the screenshot-funnel template as a script (step ids as in the file), one account, and per variant
 * leads assigned to `greet_router` 1–10 days ago, incoming messages after (replied) or only before the
 * assignment (not replied), and registration / sale / resale events. Noise that must not count: a
 * second sale of the same lead, assignments older than the range, another router's assignments.
 */
export function seedAbStats(dataDir: string, now = Date.now()): { scriptId: number; otherScriptId: number } {
  const db = openDatabase(join(dataDir, 'voronka.db'));
  try {
    migrate(db);
    const template = validateScript(JSON.parse(readFileSync('resources/templates/screenshot-funnel.json', 'utf8')));
    if (!template.ok) throw new Error(JSON.stringify(template.problems));
    const other = validateScript({ ...JSON.parse(readFileSync('resources/templates/postback-cloud-funnel.json', 'utf8')), name: 'Cloud funnel (no data)' });
    if (!other.ok) throw new Error(JSON.stringify(other.problems));
    const otherScriptId = insertScript(db, other.script, now - 20 * day);
    const scriptId = insertScript(db, { ...template.script, name: 'Screenshot funnel (seeded A/B)' }, now - 20 * day);
    const account = Number(
      db.prepare("INSERT INTO accounts (kind, status, phone, display_name, script_id, enabled, created_at, updated_at) VALUES ('telegram', 'disabled', '+15550002', 'Stats account', ?, 0, ?, ?)").run(scriptId, now, now)
        .lastInsertRowid,
    );
    const insertLead = db.prepare(
      `INSERT INTO leads (account_id, peer_id, first_name, status, script_id, flow_id, step_id, last_message_at, last_preview, created_at, updated_at)
       VALUES (?, ?, ?, 'waiting', ?, 'greeting', ?, ?, ?, ?, ?)`,
    );
    const assign = db.prepare('INSERT INTO ab_assignments (script_id, router_id, lead_id, variant, ts) VALUES (?, ?, ?, ?, ?)');
    // Incoming messages are marked handled, so the host's start-up recovery leaves these leads alone.
    const insertMessage = db.prepare('INSERT INTO messages (lead_id, direction, sender, text, status, ts, handled_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const message = { run: (lead: number, direction: 'in' | 'out', sender: string, text: string, status: string, ts: number) => insertMessage.run(lead, direction, sender, text, status, ts, direction === 'in' ? ts : null) };
    const event = db.prepare("INSERT INTO lead_events (lead_id, name, amount, currency, transaction_id, source, ts) VALUES (?, ?, ?, 'USD', ?, 'postback', ?)");
    const names = ['Анна', 'Олег', 'Ирина', 'Максим', 'Светлана', 'Дмитрий', 'John', 'Maria', 'Алексей', 'Екатерина'];
    let n = 0;
    const lead = (variant: string, assignedAt: number): number => {
      n++;
      const id = Number(insertLead.run(account, `ab-${n}`, names[n % names.length], scriptId, `greet_${variant}`, assignedAt + 60_000, `Сообщение ${n}`, assignedAt - 60_000, assignedAt).lastInsertRowid);
      // Every lead wrote first (that is what started the funnel), before the assignment.
      message.run(id, 'in', 'lead', 'Привет', 'received', assignedAt - 1_000);
      message.run(id, 'out', 'bot', 'Приветствие', 'sent', assignedAt + 1_000);
      return id;
    };
    db.transaction(() => {
      for (const plan of abPlan)
        for (let i = 0; i < plan.assigned; i++) {
          const at = now - (1 + (i % 10)) * day + i * 1_000;
          const id = lead(plan.variant, at);
          assign.run(scriptId, 'greet_router', id, plan.variant, at);
          if (i < plan.replied) message.run(id, 'in', 'lead', 'Да, интересно', 'received', at + 30_000);
          if (i < plan.registrations) event.run(id, 'registration', null, `r${id}`, at + 3_600_000);
          if (i < plan.firstDeposits) {
            event.run(id, 'sale', 50, `s${id}`, at + 7_200_000);
            event.run(id, 'sale', 25, `s${id}b`, at + 7_300_000); // a second "first deposit" still counts once
          }
          if (i < plan.reDeposits) event.run(id, 'resale', 100, `rs${id}`, at + 86_000_000);
        }
      // Outside the range (40 days ago): must not count anywhere.
      for (let i = 0; i < 5; i++) {
        const at = now - 40 * day;
        const id = lead('a', at);
        assign.run(scriptId, 'greet_router', id, 'a', at);
        message.run(id, 'in', 'lead', 'Да', 'received', at + 30_000);
        event.run(id, 'registration', null, `old${id}`, at + 60_000);
        event.run(id, 'sale', 10, `olds${id}`, at + 120_000);
      }
      // Another router's assignment of the same script: not this table.
      const stray = lead('b', now - 2 * day);
      assign.run(scriptId, 'other_router', stray, 'b', now - 2 * day);
    })();
    return { scriptId, otherScriptId };
  } finally {
    db.close();
  }
}
