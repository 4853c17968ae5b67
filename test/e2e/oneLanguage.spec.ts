import type { Page } from '@playwright/test';
import { rpcSocket } from '../support/rpcSocket';
import { expect as baseExpect, screenshotDir, test } from './fixtures';

// Pages are opened cold on a busy machine: waits are generous, nothing is timed.
const expect = baseExpect.configure({ timeout: 30_000 });

// Chats, a template script and A/B data, so every page has content; the sandbox host adds its bar.
test.use({ seed: 'demo', hostArgs: ['--sandbox-telegram'], viewport: { width: 1366, height: 768 } });

/**
 * Text that is data, not the UI's language, and may appear in any language: what the operator or a
 * lead wrote (messages, step texts on the canvas, names), ids and raw values. The scan skips these
 * elements; everything else on the page is the app speaking.
 */
const userContent = [
  '[data-testid^="message-"]', // chat bubbles: what leads and the bot wrote
  '.react-flow__node', // step titles and texts, written by the script's author
  '[data-testid="chat-preview"]',
  'code', // raw values: URLs, click ids, JSON payloads
  'pre',
  'input',
  'textarea',
  'details > pre',
  '.mantine-Pill-root', // entries the operator typed into a list (stop words, tags)
];

/**
 * Names in the data that show outside the skipped elements (a script's, a flow's or a step's name in
 * a table, a lead's name, a chat preview): every string of the scripts and leads, read over RPC, is
 * removed from the page's text before the check. Names of any language are data, not the UI.
 */
let dataNames: string[] = [];

function collectStrings(value: unknown, into: Set<string>): void {
  if (typeof value === 'string') {
    for (const line of value.split('\n')) if (line.trim().length >= 2) into.add(line.trim());
  } else if (Array.isArray(value)) for (const v of value) collectStrings(v, into);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) collectStrings(v, into);
}

/**
 * Product names, the same in every language; lists of them ("Keitaro, Binom, Voluum…") are not
 * English sentences. Nothing else is allowed.
 */
const productNames = /\b(Keitaro|Binom|Voluum|BeMob|RedTrack|OpenAI|OpenRouter|Ollama|LM Studio|vLLM|Telegram|Voronka|Cloudflare)\b/g;

function withoutData(text: string): string {
  let out = text;
  for (const name of dataNames) if (out.includes(name)) out = out.split(name).join(' ');
  return out;
}

/** Visible text of the page outside user content, one entry per text node. */
async function visibleTexts(page: Page): Promise<string[]> {
  // Evaluated as a string (the app's CSP forbids injected script tags; DevTools evaluation is allowed).
  return page.evaluate(`((skip) => {
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = (node.textContent || '').replace(/\\s+/g, ' ').trim();
      const parent = node.parentElement;
      if (!text || !parent || parent.closest(skip.join(','))) continue;
      if (parent.closest('script, style, [aria-hidden="true"]')) continue;
      const box = parent.getBoundingClientRect();
      const style = getComputedStyle(parent);
      if (box.width === 0 || box.height === 0 || style.visibility === 'hidden' || style.display === 'none') continue;
      out.push(text);
    }
    // Placeholders and tooltips speak to the operator too.
    const outer = skip.filter((s) => s !== 'input' && s !== 'textarea').join(',');
    for (const el of Array.from(document.querySelectorAll('[placeholder], [title]'))) {
      const text = el.getAttribute('placeholder') || el.getAttribute('title');
      if (text && !el.closest(outer)) out.push(text.trim());
    }
    return out;
  })(${JSON.stringify(userContent)})`);
}

/**
 * An English sentence: three or more Latin words in a row (letters only, separated by spaces or
 * light punctuation). Ids (`greet_router`), codes (`FLOOD_WAIT`), URLs and single product words do
 * not match; a stray "Not sent: {reason}" in English does.
 */
function englishSentences(texts: string[]): string[] {
  const found: string[] = [];
  for (const raw of texts) {
    const text = withoutData(raw).replace(/https?:\/\/\S+/g, ' ').replace(productNames, ' ');
    const match = text.match(/(?<![\w@/.-])[A-Za-z][a-z]+(?:[ ,:;'’]+[A-Za-z][a-z]+){2,}(?![\w/-])/);
    if (match) found.push(raw);
  }
  return [...new Set(found)];
}

function cyrillic(texts: string[]): string[] {
  // "Русский" is the language switch's own name for Russian, shown in every language.
  return [...new Set(texts.filter((t) => /[А-Яа-яЁё]/.test(withoutData(t).replace(/Русский/g, ''))))];
}

/** Each page in the state that shows the most server messages. */
const pages: { name: string; open: (page: Page) => Promise<void> }[] = [
  { name: 'scripts', open: async (page) => {
    await page.getByTestId('nav-scripts').click();
    await expect(page.getByTestId('script-list')).toBeVisible();
  } },
  { name: 'editor-problems', open: async (page) => {
    await page.getByTestId('nav-scripts').click();
    await page.getByTestId('script-list').getByText('Screenshot funnel (seeded A/B)').click();
    await expect(page.getByTestId('flow-canvas')).toBeVisible();
    await page.getByTestId('problems-toggle').click();
    await expect(page.getByTestId('problems-panel')).toBeVisible();
    await expect(page.getByTestId('problems-panel').getByText(/bad_tag|Add or remove|Добавьте или снимите/).first()).toBeVisible();
  } },
  { name: 'inbox', open: async (page) => {
    await page.getByTestId('nav-inbox').click();
    await page.locator('[data-testid^="chat-row-"]').first().click();
    await expect(page.getByTestId('conversation')).toBeVisible();
    // The status reason from the engine, in the UI language.
    await expect(page.getByTestId('conversation').getByText(/Оператор взял чат|An operator took over/)).toBeVisible();
    await page.getByTestId('lead-card-open').click();
    await expect(page.getByTestId('lead-card')).toBeVisible();
  } },
  { name: 'stats', open: async (page) => {
    await page.keyboard.press('Escape');
    await page.getByTestId('nav-stats').click();
    await expect(page.getByTestId('stats')).toBeVisible();
  } },
  { name: 'accounts', open: async (page) => {
    await page.getByTestId('nav-accounts').click();
    await expect(page.getByTestId('account-list')).toBeVisible();
  } },
  { name: 'tracker', open: async (page) => {
    await page.getByTestId('nav-tracker').click();
    await expect(page.getByTestId('postback-log').locator('tbody tr').first()).toBeVisible();
    // The refusal's reason from the listener, in the UI language.
    await expect(page.getByTestId('postback-log').getByText(/Нет click id|Missing click id/)).toBeVisible();
  } },
  { name: 'settings', open: async (page) => {
    await page.getByTestId('nav-settings').click();
    await expect(page.getByTestId('language-switch')).toBeVisible();
  } },
];

for (const lng of ['ru', 'en'] as const) {
  test(`in ${lng.toUpperCase()} every page speaks only ${lng === 'ru' ? 'Russian (no English sentence)' : 'English (no Cyrillic)'}, server messages included`, async ({ page, voronka }) => {
    // Server messages on screen: a lead taken over (its status reason), a draft with a problem, a
    // rejected postback in the log.
    const rpc = await rpcSocket(voronka.url);
    try {
      const scripts = await rpc.call<{ id: number; name: string }[]>('scripts.list', {});
      const script = scripts.find((s) => s.name === 'Screenshot funnel (seeded A/B)');
      if (!script) throw new Error('seeded script missing');
      const detail = await rpc.call<{ body: { flows: { steps: unknown[] }[] } }>('scripts.get', { id: script.id });
      const body = structuredClone(detail.body);
      body.flows[0]?.steps.push({ id: 'bad_tag', type: 'tag', title: '', add: [], remove: [], position: { x: 0, y: 900 } });
      await rpc.call('scripts.saveDraft', { id: script.id, body });
      const inbox = await rpc.call<{ rows: { id: number }[] }>('leads.list', { filters: {}, cursor: null, limit: 50 });
      for (const row of inbox.rows) await rpc.call('leads.takeover', { id: row.id });
      await rpc.call('tracker.settings.set', { enabled: true });
      const status = await rpc.call<{ endpoint: string | null }>('tracker.status', {});
      await expect.poll(async () => (await rpc.call<{ endpoint: string | null }>('tracker.status', {})).endpoint).not.toBeNull();
      const endpoint = status.endpoint ?? (await rpc.call<{ endpoint: string }>('tracker.status', {})).endpoint;
      // No click id: refused, and logged with the reason.
      await fetch(`${endpoint}?status=sale`);
      await rpc.call('settings.set', { language: lng });
      const names = new Set<string>();
      for (const s of scripts) collectStrings(await rpc.call('scripts.get', { id: s.id }), names);
      collectStrings(await rpc.call('leads.list', { filters: {}, cursor: null, limit: 200 }), names);
      collectStrings(await rpc.call('accounts.list', {}), names);
      dataNames = [...names].sort((a, b) => b.length - a.length);
    } finally {
      rpc.close();
    }

    await page.goto(voronka.url);
    await expect(page.getByTestId('nav-scripts')).toHaveText(lng === 'ru' ? 'Скрипты' : 'Scripts');
    const problems: string[] = [];
    for (const target of pages) {
      await target.open(page);
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: `${screenshotDir}/one-language-${lng}-${target.name}.png` });
      const texts = await visibleTexts(page);
      const wrong = lng === 'ru' ? englishSentences(texts) : cyrillic(texts);
      problems.push(...wrong.map((t) => `${target.name}: ${t}`));
    }
    expect(problems, lng === 'ru' ? 'English sentences on Russian pages' : 'Cyrillic on English pages').toEqual([]);
  });
}
