import { chromium, type Page } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startHeadless } from '../support/headlessProcess';
import { seedDataDir } from '../support/seedDb';
import WebSocket from 'ws';
import type { WireMessage } from '../../src/shared/rpcWire';
import { percentile, print } from './stats';

/**
 * Inbox search as the UI runs it: `leads.searchMessages` over the host's RPC socket (token checked,
 * input validated, FTS5 on 1,000,000 messages, result to the client). Median of distinct queries,
 * each a word and a lead number prefix, so every one is a fresh FTS lookup.
 */
async function searchTimings(url: string, leads: number): Promise<number[]> {
  const page = new URL(url);
  const socket = new WebSocket(`ws://${page.host}/rpc?token=${encodeURIComponent(page.searchParams.get('token') ?? '')}`, { origin: page.origin });
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  const pending = new Map<number, (hits: number) => void>();
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as WireMessage;
    if (message.kind !== 'result') return;
    const result = message.result as { ok: boolean; value?: unknown[] };
    if (!result.ok) throw new Error(`search failed: ${JSON.stringify(result)}`);
    pending.get(message.id)?.(result.value?.length ?? 0);
  });
  const times: number[] = [];
  try {
    for (let i = 0; i < 12; i++) {
      const lead = Math.floor(((i + 1) / 13) * leads);
      const t0 = performance.now();
      const hits = await new Promise<number>((resolve) => {
        pending.set(i, resolve);
        socket.send(JSON.stringify({ id: i, method: 'leads.searchMessages', input: { query: `лида ${lead}`, limit: 30 } }));
      });
      if (hits === 0) throw new Error(`search for lead ${lead} found nothing`);
      if (i >= 2) times.push(performance.now() - t0); // the first two warm the statement cache
    }
  } finally {
    socket.close();
  }
  return times;
}

// Page-side code is passed as strings: the bench compiles against Node's types, without the DOM lib.

/** Resolves once `selector` matches (checked on every DOM mutation), then after the next frame: ms since `t0`. */
const waitPainted = `(selector, test, t0) => new Promise((resolve) => {
  const done = () => requestAnimationFrame(() => resolve(performance.now() - t0));
  const check = () => {
    const el = document.querySelector(selector);
    if (el && (!test || new RegExp(test).test(el.textContent || ''))) { observer.disconnect(); done(); return true; }
    return false;
  };
  const observer = new MutationObserver(check);
  observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  check();
})`;

/**
 * Scrolls the chat list by `step` px a frame until `rows` rows have passed the top (the list loads
 * pages as it goes), recording every frame's duration with requestAnimationFrame.
 */
const scrollScript = (rows: number, rowHeight: number, step: number): string => `(async () => {
  const list = document.querySelector('[data-testid="chat-list"]');
  const target = ${rows} * ${rowHeight};
  const frames = [];
  const t0 = performance.now();
  let last = t0;
  await new Promise((resolve) => {
    const tick = (now) => {
      frames.push(now - last);
      last = now;
      list.scrollTop = Math.min(list.scrollTop + ${step}, target);
      if (list.scrollTop >= target - 1 || now - t0 > 120000) resolve();
      else requestAnimationFrame(tick);
    };
    requestAnimationFrame((now) => { last = now; requestAnimationFrame(tick); });
  });
  const rendered = [...document.querySelectorAll('[data-testid^="chat-row-"]')].length;
  return { frames, seconds: (performance.now() - t0) / 1000, reached: Math.floor(list.scrollTop / ${rowHeight}), rendered };
})()`;

/** Opens a rendered chat row that is not open yet; resolves with ms until its own messages are shown. */
async function openChat(page: Page): Promise<number> {
  const candidates = await page.locator('[data-testid^="chat-row-"]').evaluateAll((els) => els.map((el) => ({ id: el.getAttribute('data-testid'), text: el.textContent })));
  const open = new URL(page.url()).hash.match(/lead=(\d+)/)?.[1];
  const pick = candidates.find((c) => c.id !== `chat-row-${open}` && /Сообщение (\d+)/.test(c.text ?? ''));
  if (!pick?.id) throw new Error('no chat row to open');
  const peer = /Сообщение (\d+)/.exec(pick.text ?? '')?.[1] ?? '';
  // Seeded messages end in "лиду N" / "от лида N": wait for this lead's, not the previous chat's.
  return page.evaluate(
    `(async () => {
      const t0 = performance.now();
      const painted = (${waitPainted})('[data-testid="conversation"]', ${JSON.stringify(`лид[ау] ${peer}(?!\\d)`)}, t0);
      document.querySelector('[data-testid="${pick.id}"]').click();
      return painted;
    })()`,
  ) as Promise<number>;
}

/**
 * `npm run bench -- ui`: the renderer against the built headless host on 100,000 leads and 1,000,000
 * messages, in Debian's Chromium. Builds first when `out/` is stale (as `npm start` does).
 */
export async function benchUi(leads = 100_000, messagesPerLead = 10): Promise<void> {
  const { ensureBuilt } = (await import(pathToFileURL(join(process.cwd(), 'scripts/lib/build.mjs')).href)) as { ensureBuilt(options?: { quiet?: boolean }): Promise<void> };
  await ensureBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), 'voronka-bench-ui-'));
  try {
    const seedStart = performance.now();
    const { db, scriptId } = seedDataDir(dataDir, { leads, messagesPerLead, bigScriptSteps: 300 });
    // 10 accounts in all. Without sessions (nothing here to sign in to): the host keeps their rows and
    // state, not connections — the cost of a connected account is the `accounts` bench's figure.
    const addAccount = db.prepare("INSERT INTO accounts (kind, status, phone, display_name, created_at, updated_at) VALUES ('telegram', 'needs_login', ?, ?, ?, ?)");
    for (let i = 2; i <= 10; i++) addAccount.run(`+1555000${i}`, `Seed account ${i}`, Date.now(), Date.now());
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    print('ui.seed_leads', leads, 0);
    print('ui.seed_messages', leads * messagesPerLead, 0);
    print('ui.seed_s', (performance.now() - seedStart) / 1000, 1);

    // The browser is up before the clock starts: start-up is the host's, from spawn to a usable inbox.
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const launched = performance.now();
    const host = await startHeadless({ dataDir });
    try {
      const listening = performance.now() - launched;
      const first = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
      await first.goto(`${host.url}#/inbox`);
      await first.locator('[data-testid^="chat-row-"]').first().waitFor();
      // Interactive: a row answers a click by opening its chat.
      await first.locator('[data-testid^="chat-row-"]').first().click();
      await first.getByTestId('conversation').waitFor();
      print('startup.host_listening_ms', listening, 0);
      print('startup.to_interactive_ms', performance.now() - launched, 0);
      const pid = host.process.pid;
      if (pid === undefined) throw new Error('the host has no pid');
      await new Promise((r) => setTimeout(r, 5_000));
      const idleFrom = processCpuMs(pid);
      await new Promise((r) => setTimeout(r, 10_000));
      print('idle.host_rss_mb_10_accounts_100k_leads', processRssMb(pid), 0);
      print('idle.host_cpu_percent', ((processCpuMs(pid) - idleFrom) / 10_000) * 100, 2);
      await first.close();

      // A fresh context: nothing cached in the browser for the cold first paint.
      const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' })).newPage();
      const inbox = `${host.url}#/inbox`;

      // The renderer's own work (Chrome's Performance metrics), beside the wall clock: on a loaded
      // machine a frame's wall time is mostly waiting for a core. `ThreadTime` is the main thread's CPU
      // time; the *Duration metrics are wall time spent in tasks, script, layout (they stretch with load).
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Performance.enable');
      const mainThread = async (): Promise<Record<string, number>> =>
        Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value * 1000]));

      // First paint: navigation (HTML, JS, the RPC socket, the first page of 100,000 chats) to rows on screen.
      const paints: number[] = [];
      let coldCpuMs = Number.NaN;
      for (let i = 0; i < 3; i++) {
        const before = await mainThread();
        const t0 = performance.now();
        await page.goto(inbox);
        await page.locator('[data-testid^="chat-row-"]').first().waitFor();
        paints.push(performance.now() - t0);
        if (i === 0) coldCpuMs = ((await mainThread()).ThreadTime ?? Number.NaN) - (before.ThreadTime ?? Number.NaN);
        if (i < 2) await page.goto('about:blank');
      }
      print('ui.load_average_1m', loadavg()[0] ?? Number.NaN, 1);
      print('ui.inbox_first_paint_ms', paints[0] ?? Number.NaN, 0);
      print('ui.inbox_first_paint_main_thread_cpu_ms', coldCpuMs, 0);
      print('ui.inbox_first_paint_warm_ms', percentile([...paints.slice(1)].sort((a, b) => a - b), 50), 0);

      // Open a chat: click → its messages painted (5 different chats).
      const opens: number[] = [];
      for (let i = 0; i < 5; i++) opens.push(await openChat(page));
      print('ui.open_chat_ms', percentile([...opens].sort((a, b) => a - b), 50), 0);
      print('ui.open_chat_max_ms', Math.max(...opens), 0);

      const searches = await searchTimings(host.url, leads);
      print('ui.search_1m_messages_ms', percentile([...searches].sort((a, b) => a - b), 50), 1);
      print('ui.search_1m_messages_max_ms', Math.max(...searches), 1);

      // Scroll through 10,000 rows (10 rows a frame; pages of 100 load on the way).
      const rowHeight = (await page.locator('[data-testid^="chat-row-"]').first().boundingBox())?.height ?? 68;
      const scrollFrom = await mainThread();
      const scroll = (await page.evaluate(scrollScript(10_000, Math.round(rowHeight), Math.round(rowHeight) * 10))) as { frames: number[]; seconds: number; reached: number; rendered: number };
      const scrollTo = await mainThread();
      const perFrame = (metric: string): number => ((scrollTo[metric] ?? Number.NaN) - (scrollFrom[metric] ?? Number.NaN)) / Math.max(1, scroll.frames.length);
      const frames = scroll.frames.slice(1).sort((a, b) => a - b);
      print('ui.inbox_scroll_rows_reached', scroll.reached, 0);
      print('ui.inbox_scroll_10000_rows_s', scroll.seconds, 1);
      print('ui.inbox_scroll_10000_rows_frames', frames.length, 0);
      print('ui.inbox_scroll_10000_rows_max_frame_ms', frames[frames.length - 1] ?? Number.NaN, 1);
      print('ui.inbox_scroll_10000_rows_p99_frame_ms', percentile(frames, 99), 1);
      print('ui.inbox_scroll_10000_rows_avg_frame_ms', frames.reduce((s, f) => s + f, 0) / Math.max(1, frames.length), 1);
      print('ui.inbox_scroll_frames_over_50ms', frames.filter((f) => f > 50).length, 0);
      print('ui.inbox_scroll_main_thread_cpu_ms_per_frame', perFrame('ThreadTime'), 1);
      print('ui.inbox_scroll_task_ms_per_frame', perFrame('TaskDuration'), 1);
      print('ui.inbox_scroll_script_ms_per_frame', perFrame('ScriptDuration'), 1);
      print('ui.inbox_scroll_layout_style_ms_per_frame', perFrame('LayoutDuration') + perFrame('RecalcStyleDuration'), 1);
      print('ui.inbox_rows_in_dom', scroll.rendered, 0);

      // Editor: open the 300-step script from the app (hash route) → canvas nodes painted.
      const loads: number[] = [];
      for (let i = 0; i < 3; i++) {
        await page.goto(`${host.url}#/scripts`);
        await page.getByTestId('script-list').waitFor();
        loads.push(
          (await page.evaluate(`(async () => {
            const t0 = performance.now();
            const painted = (${waitPainted})('[data-testid="flow-canvas"] [data-testid^="node-"]', null, t0);
            location.hash = '#/scripts/${scriptId}';
            return painted;
          })()`)) as number,
        );
      }
      print('ui.editor_load_300_steps_ms', loads[0] ?? Number.NaN, 0);
      print('ui.editor_load_300_steps_warm_ms', percentile([...loads.slice(1)].sort((a, b) => a - b), 50), 0);
      print('ui.editor_nodes_on_canvas', await page.locator('[data-testid="flow-canvas"] [data-testid^="node-"]').count(), 0);
    } finally {
      await browser.close();
      await host.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Resident memory of a process (Linux /proc), MB. */
function processRssMb(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? Number.NaN);
  return kb / 1024;
}

/** User + system CPU time a process has used (Linux /proc, clock ticks of 10 ms), ms. */
function processCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
