import type { Page } from '@playwright/test';
import { expect, screenshotDir, test } from './fixtures';

/** Template step ids get a random suffix on import (`greet_a` → `greet_a_k3j9x`). */
const node = (page: Page, stem: string) => page.locator(`[data-testid^="node-${stem}_"]`);

test('create a script from a template, edit a step, autosave, undo/redo, fix a problem, publish', async ({ page, voronka }) => {
  await page.goto(voronka.url);
  await page.getByTestId('nav-scripts').click();
  await page.getByTestId('new-script').click();
  await expect(page.getByTestId('template-screenshot-funnel')).toBeVisible();
  await page.screenshot({ path: `${screenshotDir}/en-templates.png` });
  await page.getByTestId('template-screenshot-funnel').getByRole('button').click();

  // The editor opens on the start flow with its A/B router.
  await expect(page).toHaveURL(/#\/scripts\/\d+$/);
  await expect(node(page, 'greet_router')).toBeVisible();
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  await page.screenshot({ path: `${screenshotDir}/en-editor.png` });

  // Edit a message step's text: the draft autosaves.
  await node(page, 'greet_a').click();
  const text = page.getByTestId('message-text-0');
  await expect(text).toBeVisible();
  const original = await text.inputValue();
  await text.fill('Привет! Это тест автосохранения.');
  await expect(node(page, 'greet_a')).toContainText('тест автосохранения');
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  await expect(page.getByTestId('save-state')).toContainText('Saved');

  // Undo restores the text, redo brings the edit back (buttons and keyboard).
  await page.getByTestId('undo').click();
  await expect(text).toHaveValue(original);
  await page.keyboard.press('Control+Shift+Z');
  await expect(text).toHaveValue('Привет! Это тест автосохранения.');

  // Empty the text: a validation problem appears, Publish is blocked, the problem jumps to the step.
  await text.fill('');
  await expect(page.getByTestId('step-problems')).toContainText('A message needs text or media');
  await expect(page.getByTestId('publish')).toHaveAttribute('data-disabled', 'true');
  await node(page, 'greet_router').click();
  await page.getByTestId('problems-toggle').click();
  const problem = page.getByTestId('problem-item').filter({ hasText: 'A message needs text or media' });
  await expect(problem).toBeVisible();
  await page.screenshot({ path: `${screenshotDir}/en-editor-problems.png` });
  await problem.click();
  await expect(page.getByTestId('message-text-0')).toBeVisible();
  await expect(page.getByTestId('field-title')).toHaveValue(/Приветствие A/);

  // Fix it, then publish.
  await page.getByTestId('message-text-0').fill('Привет! Исправлено.');
  await expect(page.getByTestId('problem-item')).toHaveCount(0);
  await expect(page.getByTestId('publish')).not.toHaveAttribute('data-disabled', 'true');
  await page.getByTestId('publish').click();
  await expect(page.getByText('Published', { exact: true })).toBeVisible();

  // Back in the list the script shows as published.
  await page.getByLabel('Back to scripts').click();
  await expect(page.getByTestId('script-list')).toContainText('rev.');
  await page.screenshot({ path: `${screenshotDir}/en-scripts-list.png` });
  expect(voronka.output()).not.toMatch(/"lvl":"error"/);
});

test('an invalid JSON import lists each problem with its path', async ({ page, voronka }) => {
  await page.goto(voronka.url);
  await page.getByTestId('nav-scripts').click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('import-script').click();
  await (await chooser).setFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ formatVersion: 1, name: 'Broken', startFlow: 'f', flows: [{ id: 'f', name: 'F', start: 's', steps: [{ id: 's', type: 'goto', target: 'nowhere' }] }] })),
  });
  await expect(page.getByTestId('import-report')).toContainText('broken.json');
  await expect(page.getByText('flows[0].steps[0].target')).toBeVisible();
  await page.screenshot({ path: `${screenshotDir}/en-import-report.png` });
});
