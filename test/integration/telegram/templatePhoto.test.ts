import { createCanvas } from '@napi-rs/canvas';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type VoronkaApp } from '../../../src/main/app';
import { createLogger } from '../../../src/main/log';
import { fakeTelegramClientOptions } from '../../../src/main/sandbox/fakeTelegram/clientHooks';
import type { SimUser } from '../../../src/main/sandbox/fakeTelegram/worldRecords';
import { startFakeTelegram, type FakeTelegram } from '../../support/fake-telegram/harness';
import { registerFonts } from '../../support/screenshots/renderScreenshot';
import { tempDir } from '../../support/tempDb';
import { apiHash, testHuman } from './telegramFixture';

// Script ids are remapped when a script is made from a template, so flows and steps are checked by name.
// The whole app (composition root, no AI provider: offline routing and local OCR) with the
// screenshot-funnel template, against the fake Telegram server through the real client.

const PHONE = '15550701';
let fake: FakeTelegram;
let app: VoronkaApp;
let lena: SimUser;

async function call<T>(method: string, input: unknown = {}): Promise<T> {
  const result = await app.rpc.dispatch(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value as T;
}

beforeEach(async () => {
  fake = await startFakeTelegram();
  fake.addAccount({ phone: PHONE });
  lena = fake.world.addUser({ firstName: 'Лена', username: 'lena_lead' });
  app = createApp({
    dataDir: tempDir('voronka-template-'),
    host: 'headless',
    version: 'test',
    defaultLanguage: 'ru',
    log: createLogger('test', { sink: () => {} }),
    tracker: { port: 0 },
    telegramClientOptions: fakeTelegramClientOptions(fake.port),
  });
  await call('settings.set', { debounceSeconds: 0 });
  const { id: scriptId } = await call<{ id: number }>('scripts.create', { template: 'screenshot-funnel' });
  // Published first: an account runs only a published script.
  await call('scripts.publish', { id: scriptId, body: (await call<{ body: unknown }>('scripts.get', { id: scriptId })).body, revision: 0 });
  const login = await call<{ state: string; account: { id: number } }>('accounts.importSession', { session: await fake.fixtureSession(PHONE), apiId: 1, apiHash, scriptId });
  expect(login.state).toBe('signed_in');
  await call('accounts.update', { id: login.account.id, human: testHuman });
});
afterEach(async () => {
  await app.close();
  const errors = fake.server.connectionErrors;
  await fake.stop();
  expect(errors).toEqual([]);
});

const sentTexts = (): string[] => fake.world.account(PHONE).sent.map((s) => s.text);
/** Nothing left in the send queue: the turn's messages have all reached the server. */
const allSent = (): boolean => app.db.prepare("SELECT COUNT(*) FROM messages WHERE random_id IS NOT NULL AND sent_at IS NULL").pluck().get() === 0;

async function leadCard(): Promise<{ id: number; flowName: string | null; stepTitle: string | null; status: string; fields: Record<string, unknown>; tags: string[] }> {
  const rows = (await call<{ rows: { id: number }[] }>('leads.list')).rows;
  expect(rows).toHaveLength(1);
  return call('leads.get', { id: rows[0]?.id });
}

/** A phone-screenshot-like PNG of a platform profile with the player ID. */
function profileScreenshot(id: string): Buffer {
  const [family] = registerFonts();
  const canvas = createCanvas(720, 420);
  const g = canvas.getContext('2d');
  g.fillStyle = '#f4f6fa';
  g.fillRect(0, 0, 720, 420);
  g.fillStyle = '#111111';
  g.font = `bold 40px "${family}"`;
  g.fillText('Профиль', 40, 80);
  g.font = `34px "${family}"`;
  g.fillText('Никнейм: lena_play', 40, 170);
  g.fillText(`ID: ${id}`, 40, 240);
  g.fillText('Баланс 0.00', 40, 310);
  return canvas.toBuffer('image/png');
}

describe('telegram + screenshot-funnel template (offline AI)', () => {
  it('answers a new lead after read and typing, routes it to the screenshot step, reads the ID from a photo and moves on', { timeout: 120_000 }, async () => {
    fake.world.userWrites(PHONE, lena.id, 'Привет');
    await fake.waitFor(() => sentTexts().length > 0 && allSent(), 'the greeting');
    // One of the four A/B greetings, a line per Telegram message.
    expect(sentTexts().join('\n')).toMatch(/Алина/);
    // Read first, then "typing…" and the message for each line: what Telegram saw, in that order.
    const order = fake.server.calls.filter((c) => ['messages.ReadHistory', 'messages.SetTyping', 'messages.SendMessage'].includes(c.method)).map((c) => c.method);
    expect(order).toEqual(['messages.ReadHistory', ...sentTexts().flatMap(() => ['messages.SetTyping', 'messages.SendMessage'])]);
    expect(await leadCard()).toMatchObject({ flowName: 'Приветствие', status: 'waiting' });

    fake.world.userWrites(PHONE, lena.id, 'Да, удобно');
    await fake.waitFor(() => sentTexts().some((t) => /опыт с Chicken Road/.test(t)), 'the registration question');

    fake.world.userWrites(PHONE, lena.id, 'Я уже зарегистрирована');
    await fake.waitFor(() => sentTexts().some((t) => /скриншот, где виден ваш ID/.test(t)), 'the screenshot request');
    expect(await leadCard()).toMatchObject({ flowName: 'Регистрация', stepTitle: 'Скриншот с ID', status: 'waiting' });

    const before = sentTexts().length;
    fake.world.userSendsPhoto(PHONE, lena.id, profileScreenshot('48213957'));
    await fake.waitFor(() => sentTexts().some((t) => t.includes('ID 48213957 вижу')) && allSent(), 'the confirmation with the ID read by OCR', 60_000);
    expect(sentTexts().slice(before)).toEqual([expect.stringContaining('Регистрацию с ID 48213957 вижу'), expect.stringContaining('свяжется наш менеджер')]);
    const lead = await leadCard();
    expect(lead).toMatchObject({ flowName: 'Депозит', status: 'manual', fields: { platform_id: '48213957' } });
    expect(lead.tags).toEqual(expect.arrayContaining(['registered', 'deposit_funnel']));
    const events = await call<{ type: string }[]>('leads.events', { id: lead.id });
    expect(events.map((e) => e.type)).toContain('ai.image');
  });
});
