import { createCanvas } from '@napi-rs/canvas';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { checkLayout, windowSizes } from './layoutCheck';

// Issue 15, "The editor and the emulator": placement of new steps, step pickers that tell same-titled
// steps apart, a problem count that matches the panel, "required" on empty fields, notes without
// outputs, auto-layout in variant order, and an emulator that shows where the lead is.

/** Template step ids get a random suffix on import (`greet_a` → `greet_a_k3j9x`). */
const node = (page: Page, stem: string) => page.locator(`[data-testid^="node-${stem}_"]`);

async function box(locator: Locator) {
  const b = await locator.boundingBox();
  if (!b) throw new Error('not on screen');
  return b;
}

const overlap = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

function photo(): Buffer {
  const canvas = createCanvas(320, 200);
  const g = canvas.getContext('2d');
  g.fillStyle = '#2e7d32';
  g.fillRect(0, 0, 320, 200);
  return canvas.toBuffer('image/png');
}

for (const size of windowSizes) {
  test(`editor and emulator at ${size.width}×${size.height}: placement, pickers, problems, notes, layout order, the lead on the canvas`, async ({ page, voronka }) => {
    test.setTimeout(300_000);
    await page.setViewportSize(size);
    await page.goto(voronka.url);
    await page.getByTestId('nav-scripts').click();
    await page.getByTestId('new-script').click();
    await page.getByTestId('template-screenshot-funnel').getByRole('button').click();
    await expect(page).toHaveURL(/#\/scripts\/\d+$/);
    await expect(node(page, 'greet_router')).toBeVisible();

    // Auto-layout keeps variant order: A above B above C above D.
    await page.getByTestId('auto-layout').click();
    await expect
      .poll(async () => {
        const ys = await Promise.all(['greet_a', 'greet_b', 'greet_c', 'greet_d'].map(async (s) => (await box(node(page, s))).y));
        return ys.every((y, i) => i === 0 || y > (ys[i - 1] as number));
      })
      .toBe(true);

    // A step picker names title · flow · id: the four "В регистрацию" steps are told apart.
    await node(page, 'greet_a').click();
    await page.getByTestId('field-next').click();
    const toReg = page.getByRole('option', { name: /^В регистрацию · Приветствие · to_reg_/ });
    await expect(toReg).toHaveCount(4);
    const labels = await toReg.allTextContents();
    expect(new Set(labels).size).toBe(4);
    expect(await checkLayout(page, 'editor-step-picker')).toEqual([]);
    await page.keyboard.press('Escape');

    // A new step lands next to the selected one, on free canvas (no other step under it).
    await node(page, 'greet_a').click();
    const anchor = await box(node(page, 'greet_a'));
    const before = await page.locator('.react-flow__node').count();
    await page.getByTestId('palette-ab_router').click();
    await expect(page.locator('.react-flow__node')).toHaveCount(before + 1);
    const added = page.locator('.react-flow__node.selected');
    await expect(added).toHaveCount(1);
    const placed = await box(added);
    for (const other of await page.locator('.react-flow__node:not(.selected)').all()) {
      const b = await other.boundingBox();
      if (b) expect(overlap(placed, b)).toBe(false);
    }
    expect(Math.abs(placed.y - anchor.y)).toBeLessThan(anchor.height * 3);
    expect(placed.x).toBeGreaterThan(anchor.x);

    // Its empty variant targets say "required" (once each, not also "wrong characters").
    await expect(page.getByText('Required: choose or fill this in').first()).toBeVisible();
    await expect(page.getByText('Use letters, digits')).toHaveCount(0);

    // The problem count on the button matches the panel's list.
    const toggle = page.getByTestId('problems-toggle');
    await expect(toggle).not.toHaveAttribute('data-errors', '0');
    await toggle.click();
    const errors = Number(await toggle.getAttribute('data-errors'));
    const warnings = Number(await toggle.getAttribute('data-warnings'));
    await expect(page.getByTestId('problem-item')).toHaveCount(errors + warnings);
    await expect(page.getByTestId('problem-item').and(page.locator('[data-severity="error"]'))).toHaveCount(errors);
    await expect(toggle).toContainText(String(errors));
    expect(await checkLayout(page, 'editor-problems')).toEqual([]);
    await toggle.click();
    await page.keyboard.press('Delete');
    await expect(page.locator('.react-flow__node')).toHaveCount(before);

    // A note has no outputs (and no input): nothing to connect.
    await page.getByTestId('palette-note').click();
    const note = page.locator('.react-flow__node.selected');
    await expect(note).toHaveCount(1);
    await expect(note.locator('.react-flow__handle')).toHaveCount(0);
    await page.keyboard.press('Delete');
    await expect(page.locator('.react-flow__node')).toHaveCount(before);
    await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved', { timeout: 120_000 });

    // The emulator: the lead's step is highlighted on the canvas and followed across flows.
    await page.getByTestId('emulator-toggle').click();
    await page.getByTestId('emulator-start').click();
    await page.getByTestId('emulator-input').fill('Привет');
    await page.getByTestId('emulator-send').click();
    await expect(page.getByTestId('emulator-out').first()).toBeVisible();
    const current = page.locator('[data-current="true"]');
    await expect(current).toHaveCount(1);
    await expect(current).toHaveAttribute('data-testid', /^node-greet_[abcd]_/);
    await expect(page.getByTestId('node-current')).toBeVisible();
    // Headers name steps by title, never by id.
    await expect(page.getByTestId('emulator-step')).toContainText('Приветствие');
    await expect(page.getByTestId('emulator-step')).not.toContainText(/_[a-z0-9]{5}/);
    expect(await checkLayout(page, 'emulator-greeting')).toEqual([]);

    await page.getByTestId('emulator-input').fill('Да, интересно');
    await page.getByTestId('emulator-send').click();
    await expect(page.getByTestId('emulator-step')).toContainText('Регистрация');
    // The canvas followed the lead into the registration flow.
    await expect(page.locator('[data-testid^="flow-tab-registration_"]')).toHaveAttribute('aria-selected', 'true');
    await expect(current).toHaveCount(1);
    await expect(current).toHaveAttribute('data-testid', /^node-(reg_|ans_|link_)/);

    // A photo shows as a thumbnail; a postback as a system line.
    await page.getByTestId('emulator').locator('input[type=file]').setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: photo() });
    await expect(page.getByTestId('emulator-thumb').first()).toBeVisible();
    await page.getByTestId('emulator-postback').click();
    await page.getByRole('menuitem').first().click();
    await expect(page.getByTestId('emulator-system').first()).toBeVisible();
    await expect(page.getByTestId('emulator-system').first()).toContainText('Postback');
    // Badges are whole: the status badge is not cut.
    const status = page.getByTestId('emulator').getByTestId('lead-status');
    await expect(status).toBeVisible();
    expect(await status.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
    expect(await checkLayout(page, 'emulator-registration')).toEqual([]);
    expect(voronka.output()).not.toMatch(/"lvl":"error"/);
  });
}
