import { readFileSync } from 'node:fs';
import { expect, screenshotDir, test } from './fixtures';

const script = {
  formatVersion: 1,
  name: 'CRM with a key',
  startFlow: 'main',
  flows: [
    {
      id: 'main',
      name: 'Main',
      start: 'crm',
      steps: [
        {
          id: 'crm',
          type: 'webhook',
          title: 'CRM',
          url: 'https://crm.example/leads',
          headers: { 'X-Api-Key': 'sk-live-SECRET-123', 'X-Source': 'voronka' },
          secretHeaders: ['X-Api-Key'],
        },
      ],
    },
  ],
};

test('a webhook header marked secret is masked in the inspector and left out of a plain export, kept when asked', async ({ page, voronka }) => {
  await page.goto(voronka.url);
  await page.getByTestId('nav-scripts').click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('import-script').click();
  await (await chooser).setFiles({ name: 'crm.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(script)) });
  await expect(page).toHaveURL(/#\/scripts\/\d+$/);
  const id = /#\/scripts\/(\d+)$/.exec(page.url())?.[1];

  // The inspector: the secret header's value is a password field with its lock on; the other is plain.
  await page.locator('[data-testid^="node-crm_"]').click();
  await expect(page.getByTestId('header-secret-0')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('header-secret-1')).toHaveAttribute('aria-pressed', 'false');
  await expect(page.locator('input[type="password"]')).toHaveValue('sk-live-SECRET-123');
  await page.screenshot({ path: `${screenshotDir}/en-webhook-secret-header.png` });

  await page.getByLabel('Back to scripts').click();
  const exported = async (item: 'export-script' | 'export-script-secrets'): Promise<string> => {
    await page.getByTestId(`script-actions-${id}`).click();
    const download = page.waitForEvent('download');
    await page.getByTestId(item).click();
    return readFileSync(await (await download).path(), 'utf8');
  };
  const plain = await exported('export-script');
  expect(plain).not.toContain('SECRET-123');
  expect(plain).toContain('"X-Source": "voronka"');
  await expect(page.getByText('Secret header values left out of the file: 1.', { exact: false })).toBeVisible();
  const full = await exported('export-script-secrets');
  expect(full).toContain('sk-live-SECRET-123');
  await expect(page.getByText('The file holds the secret header values', { exact: false })).toBeVisible();
});
