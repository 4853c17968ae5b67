import { expect, screenshotDir, test } from './fixtures';
import { abPlan, dateInputDaysAgo } from '../support/seedPlans';

test.use({ seed: 'ab' });

/** 95% Wilson score interval, computed here independently of the app's code. */
function wilson(successes: number, trials: number): { value: number; low: number; high: number } {
  if (trials === 0) return { value: 0, low: 0, high: 0 };
  const z = 1.96;
  const p = successes / trials;
  const denom = 1 + (z * z) / trials;
  const centre = (p + (z * z) / (2 * trials)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / trials + (z * z) / (4 * trials * trials))) / denom;
  return { value: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

const pct = (v: number): string => `${(v * 100).toFixed(1)}%`;
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test('the A/B table shows the seeded figures exactly: counts, rates and their 95% intervals', async ({ page, voronka }) => {
  await page.goto(voronka.url);
  await page.getByTestId('nav-stats').click();
  await expect(page.getByTestId('stats')).toBeVisible();

  // Pick the seeded script (another script, without data, is there too) and a range covering the data.
  await page.getByTestId('stats-script').click();
  await page.getByRole('option', { name: 'Screenshot funnel (seeded A/B)' }).click();
  await expect(page.getByTestId('stats-script')).toHaveValue('Screenshot funnel (seeded A/B)');
  await page.getByTestId('stats-to').fill(dateInputDaysAgo(0));
  await page.getByTestId('stats-from').fill(dateInputDaysAgo(14));
  await expect(page.getByTestId('stats-from')).toHaveValue(dateInputDaysAgo(14));

  const table = page.getByTestId('ab-greet_router');
  await expect(table).toContainText('A/B: приветствие');
  const headers = ['Variant', 'Assigned', 'Replied', 'Registrations', 'First deposits', 'Re-deposits'];
  await expect(table.locator('thead th')).toHaveText([...headers, /reply/i, /registration/i, /deposit/i]);
  const rows = table.locator('tbody tr');
  await expect(rows).toHaveCount(abPlan.length);

  for (const [i, plan] of abPlan.entries()) {
    const cells = rows.nth(i).locator('td');
    await expect(cells.nth(0)).toContainText(`Приветствие ${plan.variant.toUpperCase()}`);
    await expect(cells.nth(0)).toContainText('25%');
    await expect(cells.nth(1)).toHaveText(String(plan.assigned));
    await expect(cells.nth(2)).toHaveText(String(plan.replied));
    await expect(cells.nth(3)).toHaveText(String(plan.registrations));
    await expect(cells.nth(4)).toHaveText(String(plan.firstDeposits));
    await expect(cells.nth(5)).toHaveText(String(plan.reDeposits));
    // Each rate: the value, then its 95% interval and the probability of being best (Monte Carlo: format only).
    for (const [column, successes] of [
      [6, plan.replied],
      [7, plan.registrations],
      [8, plan.firstDeposits],
    ] as const) {
      const rate = wilson(successes, plan.assigned);
      await expect(cells.nth(column)).toHaveText(new RegExp(`^${escape(pct(rate.value))}${escape(`${pct(rate.low)}–${pct(rate.high)}`)} · P \\d{1,3}%$`));
    }
  }
  await page.getByRole('heading', { name: 'Statistics' }).click(); // no focused date field in the picture
  await page.screenshot({ path: `${screenshotDir}/en-stats-data.png` });
  await table.screenshot({ path: `${screenshotDir}/en-stats-ab.png` });

  // A range that ends before the seeded days shows only the old, out-of-range assignments (5 of A).
  await page.getByTestId('stats-from').fill(dateInputDaysAgo(60));
  await page.getByTestId('stats-to').fill(dateInputDaysAgo(30));
  await expect(rows.nth(0).locator('td').nth(1)).toHaveText('5');
  await expect(rows.nth(0).locator('td').nth(3)).toHaveText('5');
  await expect(rows.nth(1).locator('td').nth(1)).toHaveText('0');
  expect(voronka.output()).not.toMatch(/"lvl":"error"/);
});
