import { expect, screenshotDir, test } from './fixtures';

test('the AI provider form saves and the connection test reports an unreachable host', async ({ page, voronka }) => {
  await page.goto(voronka.url);
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('ai-base-url')).toBeVisible();
  // Port 9 on localhost: nothing listens there.
  await page.getByTestId('ai-base-url').fill('http://127.0.0.1:9/v1');
  await page.getByTestId('api-key').fill('sk-test-not-a-real-key');
  await page.getByTestId('ai-save').click();
  await expect(page.getByTestId('ai-saved')).toBeVisible();
  // The stored key is never shown again: only that one is set.
  await expect(page.getByTestId('key-set')).toBeVisible();
  await expect(page.getByTestId('api-key')).toHaveCount(0);

  await page.getByTestId('ai-test').click();
  await expect(page.getByTestId('connection-report')).toContainText('The connection test failed');
  await page.screenshot({ path: `${screenshotDir}/en-settings-ai.png`, fullPage: true });

  await page.reload();
  await expect(page.getByTestId('ai-base-url')).toHaveValue('http://127.0.0.1:9/v1');
  await expect(page.getByTestId('key-set')).toBeVisible();
  await expect(page.getByTestId('stop-words')).toBeVisible();
});
