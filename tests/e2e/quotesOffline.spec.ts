import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { shopQuoteSchema } from '../../electron/shared/protocol/shop';
import { openDatabase } from '../../server/db';
import { startProcess, stopProcess, type Started } from './processes';
import { signIn } from './signIn';

// The consultant works the queue with the service down: claims, answers and comments show as
// pending and go out when it is back. One quote was claimed meanwhile by a colleague: its claim
// and answer come back in Needs attention with the server's words, and the answer's draft is
// still there to send again.

const serverReady = /server listening on (http:\/\/\S+)/;
const SHOP_KEY = 'e2e-shop-key-that-is-long-enough-5678';

// The two most urgent unclaimed requests of the consultant's branch, from the app's cache.
function twoRequests(hostDir: string): Array<{ id: string; number: string }> {
  const file = readdirSync(hostDir).find((name) => /^cache-.*\.sqlite$/.test(name));
  if (file === undefined) throw new Error('no cache file yet');
  const cache = new BetterSqlite3(join(hostDir, file), { readonly: true });
  try {
    const rows = cache
      .prepare(
        `SELECT q.id, q.quote_number AS number FROM quotes q WHERE q.status = 'requested' AND q.assignee_id IS NULL
         AND EXISTS (SELECT 1 FROM quote_lines l WHERE l.quote_id = q.id AND l.position = 1) ORDER BY q.due_at LIMIT 2`,
      )
      .all() as Array<{ id: string; number: string }>;
    if (rows.length < 2) throw new Error('the seed has fewer than two unclaimed requests in the consultant’s branch');
    return rows;
  } finally {
    cache.close();
  }
}

// Finds the quote by number, claims it with the keyboard and opens it.
async function claimAndOpen(page: Page, number: string): Promise<void> {
  await page.getByTestId('quote-search').fill(number);
  const row = page.getByTestId(`quote-row-${number}`);
  await row.click();
  await page.keyboard.press('Control+Enter');
  await expect(row).toContainText('Under arbeid');
  await expect(row).toHaveAttribute('class', /quote-row-pending/);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('quote-editor')).toHaveAttribute('data-editable', 'true');
}

test('claims, answers and comments made offline go out on reconnect; a quote taken meanwhile comes back with its draft', async ({ page }) => {
  test.setTimeout(240_000);
  const dir = mkdtempSync(join(tmpdir(), 'lysdesk-e2e-quotes-offline-'));
  const pgliteDir = join(dir, 'pglite');
  const hostDir = join(dir, 'host');
  const serverEnv = { PGLITE_DIR: pgliteDir, DATABASE_URL: '', SHOP_API_KEY: SHOP_KEY };
  let server: Started | undefined;
  let host: Started | undefined;
  try {
    server = await startProcess('tests/e2e/server.ts', serverEnv, serverReady, 240_000);
    const serverUrl = server.url;
    host = await startProcess('electron/host/main.ts', { LYSDESK_SERVER_URL: serverUrl, HOST_PORT: '0', LYSDESK_DATA_DIR: hostDir }, /host ready: (http:\/\/\S+)/);
    await page.goto(host.url);
    await signIn(page, 'consultant');
    await expect(page.getByTestId('sync-state')).toHaveText(/Synkronisert/, { timeout: 60_000 });
    const [kept, taken] = twoRequests(hostDir);
    if (kept === undefined || taken === undefined) throw new Error('two requests expected');
    await page.getByTestId('nav-quotes').click();
    await page.getByTestId('quote-scope-all').click();

    await stopProcess(server);
    server = undefined;
    await expect(page.getByTestId('offline-banner')).toBeVisible({ timeout: 20_000 });

    // Offline: claim, answer with 5 % extra on line 1, and comment on the first quote.
    await claimAndOpen(page, kept.number);
    await page.getByTestId('quote-extra-discount-1').fill('5');
    await page.getByTestId('quote-send').click();
    await page.getByTestId('quote-comment-input').fill('Ringer deg i morgen om leveringen.');
    await page.getByTestId('quote-comment-send').click();
    await expect(page.getByTestId('quote-thread')).toContainText('Ringer deg i morgen om leveringen.');
    await page.getByTestId('quote-editor-close').click();

    // Offline: claim and answer the second, which a colleague takes on the server meanwhile.
    await claimAndOpen(page, taken.number);
    await page.getByTestId('quote-extra-discount-1').fill('7');
    await page.getByTestId('quote-message').fill('Utkast som ikke må gå tapt.');
    await page.getByTestId('quote-send').click();
    await page.getByTestId('quote-editor-close').click();
    await expect(page.getByTestId('sync-queue')).toHaveText('5 handlinger i kø');
    await page.screenshot({ path: 'test-results/quotes-offline-queue.png' });

    const handle = await openDatabase({ kind: 'pglite', dir: pgliteDir });
    await sql`update quotes set status = 'in_progress', assignee_id = (select id from staff where username = 'admin@demo') where id = ${taken.id}`.execute(handle.db);
    await handle.close();

    server = await startProcess('tests/e2e/server.ts', { ...serverEnv, PORT: new URL(serverUrl).port }, serverReady, 240_000);
    await page.getByRole('button', { name: 'Prøv nå' }).click();
    await expect(page.getByTestId('sync-queue')).toHaveCount(0, { timeout: 30_000 });
    await expect(page.getByTestId('sync-attention')).toHaveText('2 trenger oppmerksomhet');

    // The first quote's work reached the shop as it was done offline.
    const response = await fetch(new URL(`/v1/shop/quotes/${kept.id}`, serverUrl), { headers: { authorization: `Bearer ${SHOP_KEY}` } });
    const shopQuote = shopQuoteSchema.parse(await response.json());
    expect(shopQuote.status).toBe('answered');
    expect(shopQuote.lines.find((line) => line.position === 1)?.extraDiscountBp).toBe(500);
    expect(shopQuote.comments.map((comment) => comment.body)).toContain('Ringer deg i morgen om leveringen.');

    // The second comes back: the claim refused with the holder's name, the answer refused too.
    await page.getByTestId('sync-attention').click();
    const items = page.getByTestId('attention-item');
    await expect(items).toHaveCount(2);
    const claim = items.filter({ hasText: 'QUOTE_CLAIMED_BY_OTHER' });
    await expect(claim).toContainText(`Tilbud ${taken.number} er allerede tatt av`);
    await claim.getByRole('button', { name: 'Åpne' }).click();

    // "Open" opens that quote, read-only now, with the answer's draft kept for later.
    const editor = page.getByTestId('quote-editor');
    await expect(editor).toHaveAttribute('data-editable', 'false');
    await expect(page.getByTestId('quote-draft-rejected')).toBeVisible();
    await expect(page.getByTestId('quote-extra-discount-1')).toHaveValue('7');
    await expect(page.getByTestId('quote-message')).toHaveValue('Utkast som ikke må gå tapt.');
    await page.screenshot({ path: 'test-results/quotes-offline-draft-kept.png' });
  } finally {
    await stopProcess(host);
    await stopProcess(server);
    rmSync(dir, { recursive: true, force: true });
  }
});
