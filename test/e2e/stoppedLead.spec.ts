import { expect, test } from './fixtures';
import { checkLayout, windowSizes } from './layoutCheck';

// Issue 15, "Scripts and accounts": a stopped lead's composer says the bot is stopped (it used to say
// that writing takes the chat over).
test.use({ seed: 'demo' });

for (const size of windowSizes) {
  test(`a stopped lead's composer says the bot is stopped at ${size.width}×${size.height}`, async ({ page, voronka }) => {
    await page.setViewportSize(size);
    await page.goto(voronka.url);
    await page.getByTestId('nav-inbox').click();
    await page.locator('[data-testid^="chat-row-"]').first().click();
    const input = page.getByTestId('operator-input');
    await expect(input).toBeVisible();
    await expect(input).not.toHaveAttribute('placeholder', /stopped/);
    // Stop sits in the header or, on narrow windows, in its menu.
    const stop = page.getByTestId('stop-bot').filter({ visible: true });
    if ((await stop.count()) === 0) await page.getByTestId('lead-more').click();
    await page.getByTestId('stop-bot').filter({ visible: true }).first().click();
    await page.getByTestId('stop-confirm').click();
    await expect(input).toHaveAttribute('placeholder', /The bot is stopped for this lead/);
    expect(await checkLayout(page, 'inbox-stopped-lead')).toEqual([]);
    expect(voronka.output()).not.toMatch(/"lvl":"error"/);
  });
}
