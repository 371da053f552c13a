import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { appUrl, signIn } from './signIn';

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

test('the app shows the version and the core status from the main side, and keeps the chosen language', async ({ page }) => {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));

  await page.goto(appUrl());
  await signIn(page);

  // Version and status come through the bridge from the core, which asked the real service.
  await expect(page.getByTestId('status-version')).toHaveText(`Lysdesk ${version}`);
  await expect(page.getByTestId('status-core')).toHaveText('Kjerne: klar');
  await expect(page.getByTestId('status-server')).toHaveText('Server: tilkoblet (pglite)');
  await expect(page.locator('html')).toHaveAttribute('lang', 'nb');
  await expect(page.getByTestId('nav-quotes')).toContainText('Tilbud');

  await page.getByTestId('lang-en').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByTestId('status-core')).toHaveText('Core: ready');
  await expect(page.getByTestId('status-server')).toHaveText('Server: connected (pglite)');
  await expect(page.getByTestId('nav-quotes')).toContainText('Quotes');

  await page.getByTestId('lang-nb').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'nb');
  await expect(page.getByTestId('nav-quotes')).toContainText('Tilbud');

  // English again, then a reload: the choice must survive it, and the bridge must reconnect.
  await page.getByTestId('lang-en').click();
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByTestId('lang-en')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('status-core')).toHaveText('Core: ready');
  await expect(page.getByTestId('status-version')).toHaveText(`Lysdesk ${version}`);
  await page.screenshot({ path: 'test-results/e2e-shell-en.png' });

  await page.getByTestId('lang-nb').click();
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'nb');
  await expect(page.getByTestId('status-server')).toHaveText('Server: tilkoblet (pglite)');
  await page.screenshot({ path: 'test-results/e2e-shell-nb.png' });

  // The strict CSP must not have blocked anything the app needs, and nothing may have thrown.
  expect(problems).toEqual([]);
});

test('keyboard: Alt+number moves between workflows', async ({ page }) => {
  await page.goto(appUrl());
  await signIn(page);
  await expect(page.getByTestId('status-core')).toHaveText(/klar|ready/);
  await page.keyboard.press('Alt+2');
  await expect(page.getByTestId('page-quotes')).toBeVisible();
  await expect(page.getByTestId('nav-quotes')).toHaveAttribute('aria-current', 'page');
  await page.keyboard.press('Alt+7');
  await expect(page.getByTestId('page-migration')).toBeVisible();
});

test('a page without the secret gets no bridge and says so', async ({ page, context }) => {
  await context.clearCookies();
  const origin = new URL(appUrl()).origin;
  await page.goto(`${origin}/`);
  await expect(page.getByTestId('status-error')).toBeVisible();
  await expect(page.getByTestId('status-version')).not.toContainText(version);
});
