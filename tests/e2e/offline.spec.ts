import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startProcess, stopProcess, type Started } from './processes';
import { signIn } from './signIn';

// Offline: the service goes away under a signed-in staff member. The app says so in a banner and
// keeps working from its cache; when the service is back (same address), it syncs again.
// A stack of its own (service + host), since this test stops the service.

const serverReady = /server listening on (http:\/\/\S+)/;

test('the offline banner shows while the service is gone, the cache keeps working, and it clears when the service is back', async ({ page }) => {
  test.setTimeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), 'lysdesk-e2e-offline-'));
  const pgliteDir = join(dir, 'pglite');
  let server: Started | undefined;
  let host: Started | undefined;
  try {
    server = await startProcess('tests/e2e/server.ts', { PGLITE_DIR: pgliteDir, DATABASE_URL: '' }, serverReady, 240_000);
    const port = new URL(server.url).port;
    host = await startProcess('electron/host/main.ts', { LYSDESK_SERVER_URL: server.url, HOST_PORT: '0', LYSDESK_DATA_DIR: join(dir, 'host') }, /host ready: (http:\/\/\S+)/);
    await page.goto(host.url);
    await signIn(page, 'consultant');
    await expect(page.getByTestId('sync-state')).toHaveText(/Synkronisert/, { timeout: 30_000 });
    const open = await page.getByTestId('home-openQuotes').innerText();
    await expect(page.getByTestId('offline-banner')).toHaveCount(0);

    await stopProcess(server);
    server = undefined;
    await expect(page.getByTestId('offline-banner')).toBeVisible({ timeout: 20_000 });
    await expect(page.getByTestId('sync-state')).toHaveText('Frakoblet');
    // Still working from the cache: the figures are there, and pages open.
    await expect(page.getByTestId('home-openQuotes')).toHaveText(open);
    await page.keyboard.press('Alt+2');
    await expect(page.getByTestId('page-quotes')).toBeVisible();
    await page.screenshot({ path: 'test-results/e2e-offline.png' });

    server = await startProcess('tests/e2e/server.ts', { PGLITE_DIR: pgliteDir, DATABASE_URL: '', PORT: port }, serverReady, 240_000);
    await page.getByRole('button', { name: 'Prøv nå' }).click();
    await expect(page.getByTestId('offline-banner')).toHaveCount(0, { timeout: 20_000 });
    await expect(page.getByTestId('sync-state')).toHaveText(/Synkronisert/);
  } finally {
    await stopProcess(host);
    await stopProcess(server);
    rmSync(dir, { recursive: true, force: true });
  }
});
