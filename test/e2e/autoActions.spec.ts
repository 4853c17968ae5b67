import { expect, screenshotDir, test } from './fixtures';

test('auto actions are edited as a form: the template’s rules, a new rule, a problem shown at its field, kept after a reload', async ({ page, voronka }) => {
  await page.goto(voronka.url);
  await page.getByTestId('nav-scripts').click();
  await page.getByTestId('new-script').click();
  await page.getByTestId('template-screenshot-funnel').getByRole('button').click();
  await expect(page).toHaveURL(/#\/scripts\/\d+$/);
  await page.getByTestId('script-settings').click();

  // The time zone comes from a searchable list; a tag colour from a picker.
  await page.getByTestId('script-timezone').fill('Tokyo');
  await page.getByRole('option', { name: 'Asia/Tokyo' }).click();
  await expect(page.getByTestId('script-timezone')).toHaveValue('Asia/Tokyo');
  await page.getByRole('tab', { name: 'Fields, tags, variables' }).click();
  await expect(page.getByTestId('tags-0-color')).toHaveValue('#2e7d32');
  await page.getByTestId('tags-0-color').click();
  await page.getByRole('button', { name: '#6a1b9a' }).click();
  await expect(page.getByTestId('tags-0-color')).toHaveValue('#6a1b9a');
  await page.screenshot({ path: `${screenshotDir}/en-script-tags.png` });
  await page.getByTestId('tab-auto').click();

  // The screenshot template comes with registration, first deposit and re-deposit rules, as the cloud one.
  const form = page.getByTestId('auto-actions');
  await expect(form.locator('[data-testid^="auto-rule-"][data-testid$="-event"]')).toHaveCount(3);
  await expect(page.getByTestId('auto-rule-0-event')).toHaveValue('registration');
  await expect(page.getByTestId('auto-rule-1-event')).toHaveValue('sale');
  await expect(page.getByTestId('auto-rule-2-event')).toHaveValue('resale');
  await expect(page.getByTestId('auto-rule-0-action-1').locator('input').first()).toHaveValue('Move to a flow / step');
  await expect(page.getByTestId('auto-rule-0-action-1').getByLabel('Step')).toHaveValue(/Ретеншн: ручная обработка · dep_manual_/);
  await page.screenshot({ path: `${screenshotDir}/en-auto-actions.png` });

  // A new rule: a custom event; its action becomes "set the status" → manual.
  await page.getByTestId('auto-rule-add').click();
  const rule = page.getByTestId('auto-rule-3');
  await page.getByTestId('auto-rule-3-event').fill('kyc_passed');
  await rule.getByLabel('Title').fill('KYC → manager');
  await page.getByTestId('auto-rule-3-action-0').locator('input').first().click();
  await page.getByRole('option', { name: 'Set the status' }).click();
  await page.getByTestId('auto-rule-3-action-0').getByLabel('Status').click();
  await page.getByRole('option', { name: /manual/i }).click();

  // A second action tagging with an undeclared tag: the problem shows at that field, publish is blocked.
  await page.getByTestId('auto-rule-3-add-action').click();
  const tagAction = page.getByTestId('auto-rule-3-action-1');
  await tagAction.getByLabel('Add tags').fill('no_such_tag');
  await tagAction.getByLabel('Add tags').press('Enter');
  await expect(tagAction).toContainText('not declared');
  await tagAction.getByLabel('Remove this action').click();
  await expect(page.getByTestId('auto-rule-3-action-1')).toHaveCount(0);
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved', { timeout: 120_000 });

  // Kept: after a reload the rule is there as entered.
  await page.reload();
  await page.getByTestId('script-settings').click();
  await expect(page.getByTestId('script-timezone')).toHaveValue('Asia/Tokyo');
  await page.getByTestId('tab-auto').click();
  await expect(page.getByTestId('auto-rule-3-event')).toHaveValue('kyc_passed');
  await expect(page.getByTestId('auto-rule-3').getByLabel('Title')).toHaveValue('KYC → manager');
  await expect(page.getByTestId('auto-rule-3-action-0').getByLabel('Status')).toHaveValue(/manual/i);
  expect(voronka.output()).not.toMatch(/"lvl":"error"/);
});
