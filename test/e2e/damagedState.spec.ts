import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { startHeadless } from '../support/headlessProcess';
import { runSeed } from '../support/runSeed';
import { expect, openChat, screenshotDir, test } from './fixtures';

// A lead whose saved state was damaged on disk: the chat says so (EN and RU) instead of showing it as
// a fresh lead, and an operator action on it is refused with the reason while the lead goes to manual.
test('a lead with damaged saved state shows the damage above its chat, in English and Russian', async ({ page }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'voronka-e2e-'));
  await runSeed('inbox', dataDir);
  const db = new Database(join(dataDir, 'voronka.db'));
  expect(db.prepare(`UPDATE leads SET step_state = '{"visits": 1' WHERE first_name = 'Анна'`).run().changes).toBe(1);
  db.close();
  const running = await startHeadless({ dataDir });
  try {
    await page.goto(running.url);
    await page.getByTestId('nav-inbox').click();
    await openChat(page, 'Анна');
    const damage = page.getByTestId('state-damaged');
    await expect(damage).toContainText("This lead's saved state is damaged");
    await expect(damage).toContainText('leads.step_state');

    // Taking over acts through the engine: it refuses to act on the damaged state and hands the lead to a human.
    await page.getByTestId('takeover').click();
    await expect(page.getByTestId('conversation')).toContainText('Stored state is damaged (leads.step_state)');
    await page.screenshot({ path: `${screenshotDir}/en-inbox-damaged-state.png` });

    await page.getByTestId('nav-settings').click();
    await page.getByTestId('language-switch').getByText('Русский').click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
    await page.getByTestId('nav-inbox').click();
    await openChat(page, 'Анна');
    await expect(damage).toContainText('Сохранённое состояние лида повреждено');
    await expect(damage).toContainText('Автоматика для этого лида выключена');
    await page.screenshot({ path: `${screenshotDir}/ru-inbox-damaged-state.png` });
  } finally {
    await running.stop();
  }
});
