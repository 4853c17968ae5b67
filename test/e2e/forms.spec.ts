import { expect, test } from './fixtures';
import { checkLayout, windowSizes } from './layoutCheck';

// Forms instead of typing: a time zone from a searchable list, a tag colour from a picker, and tags
// (a lead's, the inbox filter) with suggestions of the tags already in use.
test.use({ seed: 'demo' });

for (const size of windowSizes) {
  test(`forms at ${size.width}×${size.height}: time zone list, tag colour picker, tag suggestions in a lead's tags and the inbox filter`, async ({ page, voronka }) => {
    test.setTimeout(240_000);
    await page.setViewportSize(size);
    await page.goto(voronka.url);

    // Script settings: a searchable time zone list and a colour picker for tags.
    await page.getByTestId('nav-scripts').click();
    await page.locator('[data-testid^="script-row-"]').first().click();
    await expect(page.getByTestId('save-state')).toBeVisible();
    await page.getByTestId('script-settings').click();
    await page.getByTestId('script-timezone').fill('Tokyo');
    await page.getByRole('option', { name: 'Asia/Tokyo' }).click();
    await expect(page.getByTestId('script-timezone')).toHaveValue('Asia/Tokyo');
    expect(await checkLayout(page, 'forms-timezone')).toEqual([]);
    await page.getByRole('tab', { name: 'Fields, tags, variables' }).click();
    await page.getByTestId('tags-0-color').click();
    await page.getByRole('button', { name: '#6a1b9a' }).click();
    await expect(page.getByTestId('tags-0-color')).toHaveValue('#6a1b9a');
    await page.keyboard.press('Escape');
    expect(await checkLayout(page, 'forms-tag-colour')).toEqual([]);
    await page.keyboard.press('Escape');

    // A lead's tags suggest the tags in use; a new one is added.
    await page.getByTestId('nav-inbox').click();
    const firstChat = page.locator('[data-testid^="chat-row-"]').first();
    await firstChat.click();
    const tags = page.getByTestId('lead-tags');
    // Below the drawer breakpoint the card is a drawer: open it when the tags field is not on screen.
    await expect(tags.or(page.getByTestId('lead-card-open')).first()).toBeVisible();
    const inDrawer = !(await tags.isVisible());
    if (inDrawer) await page.getByTestId('lead-card-open').click();
    await tags.click();
    await tags.fill('regis');
    await expect(page.getByTestId('tag-option-registered')).toBeVisible();
    await tags.fill('vip-client');
    await page.keyboard.press('Enter');
    await expect(tags.locator('..').getByText('vip-client')).toBeVisible();
    // Escape closes the suggestions first (when they reopened after Enter) and then the drawer; the
    // drawer covers the inbox's filters, so it must be gone before they are clicked.
    await page.keyboard.press('Escape');
    if (inDrawer) {
      await expect(async () => {
        if (await tags.isVisible()) await page.keyboard.press('Escape');
        await expect(tags).toBeHidden({ timeout: 2_000 });
      }).toPass({ timeout: 60_000 });
    }

    // The inbox tag filter suggests it, with how many leads carry it, and filters by it.
    await page.getByTestId('inbox-more-filters').click();
    const filter = page.getByTestId('inbox-tag');
    await filter.fill('vip');
    const option = page.getByTestId('tag-option-vip-client');
    await expect(option).toBeVisible();
    await expect(option).toContainText('1');
    expect(await checkLayout(page, 'forms-tag-filter')).toEqual([]);
    await option.click();
    await expect(filter).toHaveValue('vip-client');
    await expect(page.locator('[data-testid^="chat-row-"]')).toHaveCount(1);
    expect(voronka.output()).not.toMatch(/"lvl":"error"/);
  });
}
