import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { openDatabase } from '../../server/db';
import { callBridge } from './bridge';
import { startProcess, stopProcess, type Started } from './processes';
import { signIn } from './signIn';

// An action made offline that the server rejects when it comes back: it is queued (shown in the
// status bar), rejected with the server's reason, undone, listed in Needs attention, opened and
// dismissed. The action goes in through the core's bridge, as the quote queue will send it.

const serverReady = /server listening on (http:\/\/\S+)/;


test('an offline claim the server rejects is undone and shown in Needs attention, which opens the quote and dismisses it', async ({ page }) => {
  test.setTimeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), 'lysdesk-e2e-attention-'));
  const pgliteDir = join(dir, 'pglite');
  const hostDir = join(dir, 'host');
  let server: Started | undefined;
  let host: Started | undefined;
  try {
    server = await startProcess('tests/e2e/server.ts', { PGLITE_DIR: pgliteDir, DATABASE_URL: '' }, serverReady, 240_000);
    const port = new URL(server.url).port;
    host = await startProcess('electron/host/main.ts', { LYSDESK_SERVER_URL: server.url, HOST_PORT: '0', LYSDESK_DATA_DIR: hostDir }, /host ready: (http:\/\/\S+)/);
    await page.goto(host.url);
    await signIn(page, 'consultant');
    await expect(page.getByTestId('sync-state')).toHaveText(/Synkronisert/, { timeout: 30_000 });

    // An unclaimed quote request of the consultant's branch, from the cache the app works from.
    const cacheFile = readdirSync(hostDir).find((name) => /^cache-.*\.sqlite$/.test(name));
    expect(cacheFile).toBeDefined();
    const cache = new BetterSqlite3(join(hostDir, cacheFile ?? ''), { readonly: true });
    const quoteId = cache.prepare("SELECT id FROM quotes WHERE status = 'requested' AND assignee_id IS NULL ORDER BY due_at LIMIT 1").pluck().get() as string;
    cache.close();

    await stopProcess(server);
    server = undefined;
    await expect(page.getByTestId('offline-banner')).toBeVisible({ timeout: 20_000 });
    expect(await callBridge(host.url, 'mutation.submit', { name: 'quote.claim', args: { quoteId } })).toMatchObject({ ok: true, value: { seq: 1 } });
    await expect(page.getByTestId('sync-queue')).toHaveText('1 handling i kø');

    // Meanwhile a colleague claimed the same quote on the server.
    const handle = await openDatabase({ kind: 'pglite', dir: pgliteDir });
    await sql`update quotes set status = 'in_progress', assignee_id = (select id from staff where username = 'admin@demo') where id = ${quoteId}`.execute(handle.db);
    await handle.close();

    server = await startProcess('tests/e2e/server.ts', { PGLITE_DIR: pgliteDir, DATABASE_URL: '', PORT: port }, serverReady, 240_000);
    await page.getByRole('button', { name: 'Prøv nå' }).click();
    await expect(page.getByTestId('sync-attention')).toHaveText('1 trenger oppmerksomhet', { timeout: 20_000 });
    await expect(page.getByTestId('sync-queue')).toHaveCount(0);

    await page.getByTestId('sync-attention').click();
    const item = page.getByTestId('attention-item');
    await expect(item).toHaveCount(1);
    await expect(item).toContainText('Ta tilbud');
    await expect(item).toContainText('QUOTE_CLAIMED_BY_OTHER');
    await page.screenshot({ path: 'test-results/e2e-needs-attention.png' });
    await item.getByRole('button', { name: 'Åpne' }).click();
    await expect(page.getByTestId('page-quotes')).toBeVisible();

    await page.getByTestId('sync-attention').click();
    await page.getByTestId('attention-item').getByRole('button', { name: 'Fjern' }).click();
    await expect(page.getByTestId('attention-item')).toHaveCount(0);
    await expect(page.getByTestId('sync-attention')).toHaveCount(0);
  } finally {
    await stopProcess(host);
    await stopProcess(server);
    rmSync(dir, { recursive: true, force: true });
  }
});
