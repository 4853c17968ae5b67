import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount, leadWrites, testApp } from '../../support/appFixture';

/**
 * Inbox search over the whole history (issue 15): FTS5, filled in batches (migration 0013) and up to
 * date at every search; edits and deletes kept in step by triggers; Russian, prefixes.
 */
const app = testApp();
let anna = 0;
let oleg = 0;

beforeAll(async () => {
  const scriptId = (await app.call('scripts.create', { template: 'screenshot-funnel' })).id;
  const account = addAccount(app, scriptId);
  anna = await leadWrites(app, account, scriptId, 'anna', 'Здравствуйте! Хочу узнать про Chicken Road', Date.now() - 3_000);
  await leadWrites(app, account, scriptId, 'anna', 'А ещё: ваш ёжик-бонус работает?', Date.now() - 2_000);
  oleg = await leadWrites(app, account, scriptId, 'oleg', 'Привет, я уже ЗАРЕГИСТРИРОВАЛСЯ вчера', Date.now() - 1_000);
});
afterAll(() => app.close());

// The bot's replies are indexed too, and the A/B greeting is random: the checks look at what the leads wrote.
const hits = async (query: string) => (await app.call('leads.searchMessages', { query, limit: 30 })).filter((h) => h.sender === 'lead');

describe('inbox search over every message', () => {
  it('finds old messages (not only the last preview) by a Russian word prefix, case-insensitive', async () => {
    const found = await hits('здравств');
    expect(found).toEqual([expect.objectContaining({ leadId: anna, leadName: 'Lead anna', sender: 'lead' })]);
    expect(found[0]?.snippet).toContain('\u0002Здравствуйте\u0003');
    expect((await hits('зарегистр')).map((h) => h.leadId)).toEqual([oleg]);
  });

  it('needs every word, matches ё and е alike, and treats query syntax as plain text', async () => {
    expect((await hits('ежик бонус')).map((h) => h.leadId)).toEqual([anna]);
    expect((await hits('ёжик')).map((h) => h.leadId)).toEqual([anna]);
    expect(await hits('ежик вчера')).toEqual([]);
    expect((await hits('узнать chick')).map((h) => h.leadId)).toEqual([anna]);
    for (const odd of ['"', 'NEAR(', 'AND OR', '*', '-привет', 'bonus"; DROP']) await expect(app.call('leads.searchMessages', { query: odd, limit: 30 })).resolves.toBeInstanceOf(Array);
    expect(await hits('!!!')).toEqual([]);
  });

  it('finds a message stored a moment ago, before the indexer’s next batch', async () => {
    const account = app.db.prepare("SELECT id FROM accounts WHERE kind = 'telegram' ORDER BY id LIMIT 1").pluck().get() as number;
    const scriptId = app.db.prepare('SELECT script_id FROM leads WHERE id = ?').pluck().get(anna) as number;
    const unindexed = () => app.db.prepare('SELECT count(*) FROM messages WHERE id > (SELECT last_id FROM messages_fts_cursor)').pluck().get() as number;
    const lead = await leadWrites(app, account, scriptId, 'vera', 'Свежайшее сообщение прямо сейчас', Date.now());
    expect((await hits('свежайш')).map((h) => h.leadId)).toEqual([lead]);
    expect(unindexed()).toBe(0);
  });

  it('stays in sync with edits and deletes, and never shows the emulator’s chats', async () => {
    const id = app.db.prepare("SELECT id FROM messages WHERE text LIKE 'Привет, я уже%'").pluck().get() as number;
    app.db.prepare('UPDATE messages SET text = ? WHERE id = ?').run('Текст изменён', id);
    expect(await hits('зарегистр')).toEqual([]);
    expect((await hits('изменён')).map((h) => h.messageId)).toEqual([id]);
    app.db.prepare('DELETE FROM messages WHERE id = ?').run(id);
    expect(await hits('изменён')).toEqual([]);
    const before = (await hits('бонус')).length;
    const emulatorAccount = Number(app.db.prepare("INSERT INTO accounts (kind, status, created_at, updated_at) VALUES ('sandbox', 'online', 0, 0)").run().lastInsertRowid);
    const lead = Number(app.db.prepare("INSERT INTO leads (account_id, peer_id, created_at, updated_at) VALUES (?, 'emu', 0, 0)").run(emulatorAccount).lastInsertRowid);
    app.db.prepare("INSERT INTO messages (lead_id, direction, sender, text, status, ts) VALUES (?, 'in', 'lead', 'бонус из эмулятора', 'received', 0)").run(lead);
    expect(await hits('бонус')).toHaveLength(before);
  });
});
