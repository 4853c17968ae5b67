import { expect, screenshotDir, test } from './fixtures';
import { checkLayout, windowSizes } from './layoutCheck';
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

const sum = (key: keyof (typeof abPlan)[number]): number => abPlan.reduce((n, p) => n + Number(p[key]), 0);

for (const size of windowSizes) {
  test.describe(`at ${size.width}×${size.height}`, () => {
    test('statistics follow the filters: A/B counts with intervals and "not enough data", the step and tracker funnels', async ({ page, voronka }) => {
      await page.setViewportSize(size);
      await page.goto(voronka.url);
      await page.getByTestId('nav-stats').click();
      await expect(page.getByTestId('stats')).toBeVisible();

      // The script shown first is the one with the latest activity (the other script has no leads).
      await expect(page.getByTestId('stats-script')).toHaveValue('Screenshot funnel (seeded A/B)');
      await page.getByTestId('stats-to').fill(dateInputDaysAgo(0));
      await page.getByTestId('stats-from').fill(dateInputDaysAgo(14));
      await expect(page.getByTestId('stats-from')).toHaveValue(dateInputDaysAgo(14));

      const table = page.getByTestId('ab-greet_router');
      await expect(table).toContainText('A/B: приветствие');
      await expect(table.locator('thead th')).toHaveText(['Variant', 'Assigned', 'Replied', 'Registrations', 'First deposits', 'Re-deposits']);
      const rows = table.locator('tbody tr');
      await expect(rows).toHaveCount(abPlan.length);

      for (const [i, plan] of abPlan.entries()) {
        const cells = rows.nth(i).locator('td');
        await expect(cells.nth(0)).toContainText(`Приветствие ${plan.variant.toUpperCase()}`);
        await expect(cells.nth(0)).toContainText('25%');
        await expect(cells.nth(1)).toHaveText(String(plan.assigned));
        // Each outcome: the count (per lead), its rate, the 95% interval — and, with variant D still empty,
        // "not enough data" instead of a chance-of-best.
        for (const [column, successes] of [
          [2, plan.replied],
          [3, plan.registrations],
          [4, plan.firstDeposits],
        ] as const) {
          const rate = wilson(successes, plan.assigned);
          await expect(cells.nth(column)).toHaveText(new RegExp(`^${successes} · ${escape(pct(rate.value))}${escape(`${pct(rate.low)}–${pct(rate.high)}`)}Not enough data$`));
        }
        await expect(cells.nth(5)).toHaveText(String(plan.reDeposits));
      }
      // The sample still needed: variant D has no leads, so each variant needs the 30-lead floor.
      await expect(table.getByTestId('ab-not-enough')).toContainText('Registrations: about 30 more leads per variant');

      // The step funnel as a table: every step named, the leads waiting at each step now (the current
      // state, so A's 5 old leads count too).
      const funnel = page.getByTestId('funnel-table');
      await expect(funnel.locator('thead th')).toHaveText(['Step', 'Entered', 'Passed', 'Waiting now', 'To next step']);
      await expect(page.getByTestId('funnel-row-greet_a').locator('td').nth(3)).toHaveText(String((abPlan[0]?.assigned ?? 0) + 5));
      await expect(page.getByTestId('funnel-row-greet_c').locator('td').nth(3)).toHaveText(String(abPlan[2]?.assigned));

      // The tracker funnel of the leads whose dialog started in the range (the seeded 100, plus one lead of
      // another router): each stage counts a lead once, conversion from the previous stage under it.
      const tracker = page.getByTestId('tracker-funnel-table');
      const total = tracker.locator('tbody tr').first().locator('td');
      await expect(total.nth(0)).toHaveText('No campaign');
      await expect(total.nth(2)).toHaveText(String(sum('assigned') + 1));
      await expect(total.nth(3)).toHaveText(`${sum('registrations')}${pct(sum('registrations') / (sum('assigned') + 1))}`);
      await expect(total.nth(4)).toHaveText(`${sum('firstDeposits')}${pct(sum('firstDeposits') / sum('registrations'))}`);
      await expect(total.nth(6)).toHaveText((sum('firstDeposits') * 75 + sum('reDeposits') * 100).toLocaleString('en-GB', { minimumFractionDigits: 2 }));
      await page.getByTestId('tracker-funnel-by').getByText('A/B variant').click();
      await expect(tracker.locator('tbody tr').filter({ hasText: 'Приветствие A' }).locator('td').nth(2)).toHaveText(String(abPlan[0]?.assigned));

      await page.getByRole('heading', { name: 'Statistics' }).click(); // no focused date field in the picture
      await page.screenshot({ path: `${screenshotDir}/en-stats-data.png`, fullPage: true });
      await table.screenshot({ path: `${screenshotDir}/en-stats-ab.png` });
      expect(await checkLayout(page, 'stats-data')).toEqual([]);

      // A range that ends before the seeded days shows only the old, out-of-range assignments (5 of A).
      await page.getByTestId('stats-from').fill(dateInputDaysAgo(60));
      await page.getByTestId('stats-to').fill(dateInputDaysAgo(30));
      await expect(rows.nth(0).locator('td').nth(1)).toHaveText('5');
      await expect(rows.nth(0).locator('td').nth(3)).toContainText('5 · 100.0%');
      await expect(rows.nth(1).locator('td').nth(1)).toHaveText('0');
      await expect(total.nth(2)).toHaveText('5');

      // Another account: none of the seeded leads are on it... there is only one account, so "all" and it agree.
      await page.getByTestId('stats-account').click();
      await page.getByRole('option', { name: 'Stats account' }).click();
      await expect(rows.nth(0).locator('td').nth(1)).toHaveText('5');
      expect(voronka.output()).not.toMatch(/"lvl":"error"/);
    });
  });
}
