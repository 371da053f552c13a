import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import BetterSqlite3 from 'better-sqlite3';
import { answerUnitPriceOre } from '../../electron/shared/domain/quoteAnswer';
import { shopQuoteSchema, type ShopQuote } from '../../electron/shared/protocol/shop';
import { startProcess, stopProcess, type Started } from './processes';
import { signIn } from './signIn';

// The consultant's day in one run, against the real service and the real core: a customer asks
// for a quote in the shop, it shows in the queue without a reload, the consultant claims it,
// gives a line an extra discount and answers; the shop shows those prices; the customer
// comments, the quote is flagged, and the consultant revises it.

const serverReady = /server listening on (http:\/\/\S+)/;
const SHOP_KEY = 'e2e-shop-key-that-is-long-enough-1234';

async function shop(serverUrl: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(new URL(path, serverUrl), {
    method,
    headers: { authorization: `Bearer ${SHOP_KEY}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const json: unknown = await response.json();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

async function shopQuote(serverUrl: string, quoteId: string): Promise<ShopQuote> {
  return shopQuoteSchema.parse(await shop(serverUrl, 'GET', `/v1/shop/quotes/${quoteId}`));
}

// A project list of the consultant's branch with items and no open quote, from the app's cache.
function pickProjectList(hostDir: string): { id: string; lines: number } {
  const file = readdirSync(hostDir).find((name) => /^cache-.*\.sqlite$/.test(name));
  if (file === undefined) throw new Error('no cache file yet');
  const cache = new BetterSqlite3(join(hostDir, file), { readonly: true });
  try {
    const row = cache
      .prepare(
        `SELECT l.id, count(i.id) AS lines FROM project_lists l JOIN project_list_items i ON i.project_list_id = l.id
         WHERE NOT EXISTS (SELECT 1 FROM quotes q WHERE q.project_list_id = l.id AND q.status IN ('requested', 'in_progress', 'answered', 'revision_requested'))
         GROUP BY l.id HAVING count(i.id) BETWEEN 2 AND 6 ORDER BY l.id LIMIT 1`,
      )
      .get() as { id: string; lines: number } | undefined;
    if (row === undefined) throw new Error('the seed has no free project list in the consultant’s branch');
    return row;
  } finally {
    cache.close();
  }
}

async function openQueue(page: Page): Promise<void> {
  await page.getByTestId('nav-quotes').click();
  await expect(page.getByTestId('quote-queue')).toBeVisible();
  await page.getByTestId('quote-scope-all').click();
}

test('a quote requested in the shop is answered, commented on by the customer and revised', async ({ page }) => {
  test.setTimeout(240_000);
  const dir = mkdtempSync(join(tmpdir(), 'lysdesk-e2e-quotes-'));
  const hostDir = join(dir, 'host');
  mkdirSync('test-results', { recursive: true });
  let server: Started | undefined;
  let host: Started | undefined;
  try {
    server = await startProcess('tests/e2e/server.ts', { PGLITE_DIR: join(dir, 'pglite'), DATABASE_URL: '', SHOP_API_KEY: SHOP_KEY }, serverReady, 240_000);
    host = await startProcess('electron/host/main.ts', { LYSDESK_SERVER_URL: server.url, HOST_PORT: '0', LYSDESK_DATA_DIR: hostDir }, /host ready: (http:\/\/\S+)/);
    await page.goto(host.url);
    await signIn(page, 'consultant');
    await expect(page.getByTestId('sync-state')).toHaveText(/Synkronisert/, { timeout: 60_000 });
    await openQueue(page);
    await expect(page.locator('[data-testid^="quote-row-"]').first()).toBeVisible();
    await page.screenshot({ path: 'test-results/quotes-queue.png' });

    // The customer asks for a quote; the queue shows it without a reload, within 2 s.
    const list = pickProjectList(hostDir);
    const requested = shopQuoteSchema.parse(await shop(server.url, 'POST', `/v1/shop/project-lists/${list.id}/quote-request`, {}));
    // Narrowed to its number, so the row is in view wherever the sort puts it.
    await page.getByTestId('quote-search').fill(requested.number);
    const row = page.getByTestId(`quote-row-${requested.number}`);
    await expect(row).toBeVisible({ timeout: 2_000 });
    await expect(page.getByTestId('quote-queue-count')).toHaveText(/^1 av .+ tilbud$/);

    // Claim with the keyboard shortcut on the selected row, then open it with Enter.
    await row.click();
    await page.keyboard.press('Control+Enter');
    await expect(row).toContainText('Under arbeid', { timeout: 10_000 });
    await page.keyboard.press('Enter');
    const editor = page.getByTestId('quote-editor');
    await expect(editor).toBeVisible();

    // Every figure of a line is in view beside the queue: the lines table does not scroll sideways.
    // Typed by shape: the e2e code compiles without the DOM's types.
    const overflow = await page.getByTestId('quote-line-1').evaluate((el: { closest(selector: string): { scrollWidth: number; clientWidth: number } | null }) => {
      const box = el.closest('.MuiTableContainer-root');
      return box === null ? -1 : box.scrollWidth - box.clientWidth;
    });
    expect(overflow).toBe(0);

    // An extra discount of 10 % on the first line; the total follows the shared rules.
    await page.getByTestId('quote-extra-discount-1').fill('10');
    await expect(page.getByTestId('quote-total')).toBeVisible();
    await page.getByTestId('quote-message').fill('Hei! Her er tilbudet, med 10 % ekstra på første linje.');
    await page.screenshot({ path: 'test-results/quotes-editor.png' });
    await page.getByTestId('quote-send').click();

    // The shop sees the answer with the right prices once it is pushed.
    await expect.poll(async () => (await shopQuote(server?.url ?? '', requested.id)).status, { timeout: 20_000 }).toBe('answered');
    const answered = await shopQuote(server.url, requested.id);
    const first = answered.lines.find((line) => line.position === Math.min(...answered.lines.map((l) => l.position)));
    expect(first?.extraDiscountBp).toBe(1000);
    for (const line of answered.lines) {
      const unit = answerUnitPriceOre({ qty: line.qty, listPriceOre: line.listPriceOre, tierDiscountBp: line.tierDiscountBp, extraDiscountBp: line.extraDiscountBp, offeredPriceOre: line.offeredPriceOre });
      expect(line.unitPriceOre).toBe(unit);
      expect(line.lineTotalOre).toBe(unit * line.qty);
    }
    expect(answered.totalOre).toBe(answered.lines.reduce((sum, line) => sum + line.lineTotalOre, 0));
    expect(answered.messageToCustomer).toContain('10 % ekstra');

    // The customer comments: the quote goes back for revision and is flagged in the queue. The
    // editor is closed first: an open quote reads its new comments at once (no flag to see).
    await page.getByTestId('quote-editor-close').click();
    await expect(editor).toBeHidden();
    await shop(server.url, 'POST', `/v1/shop/quotes/${requested.id}/comments`, { body: 'Kan dere se på prisen på linje 2 også?' });
    await expect(row).toHaveAttribute('class', /quote-row-unread/, { timeout: 10_000 });

    // The consultant revises: claims again, opens it (which reads the comment), gives line 2 a
    // fixed price and answers again.
    await row.click();
    await page.keyboard.press('Control+Enter');
    await expect(row).toContainText('Under arbeid', { timeout: 10_000 });
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('quote-thread')).toContainText('Kan dere se på prisen på linje 2 også?');
    // The history so far, in Norwegian: requested, claimed, answered, the customer's comment.
    await expect(page.getByTestId('quote-timeline')).toContainText('tok tilbudet');
    await expect(page.getByTestId('quote-timeline')).toContainText('sendte tilbud');
    const second = answered.lines.find((line) => line.position !== first?.position);
    if (second === undefined) throw new Error('the quote has one line');
    const fixed = Math.max(1, Math.floor(second.unitPriceOre / 100) - 10);
    await page.getByTestId(`quote-offered-price-${second.position}`).fill(String(fixed));
    await page.getByTestId('quote-send').click();
    await expect.poll(async () => (await shopQuote(server?.url ?? '', requested.id)).lines.find((line) => line.position === second.position)?.offeredPriceOre, { timeout: 20_000 }).toBe(fixed * 100);
    const revised = await shopQuote(server.url, requested.id);
    expect(revised.status).toBe('answered');
    expect(revised.lines.find((line) => line.position === second.position)?.unitPriceOre).toBe(fixed * 100);
    await expect(row).not.toHaveAttribute('class', /quote-row-unread/, { timeout: 10_000 });

    // The home screen's quote card counts from the same cache.
    await page.getByTestId('nav-home').click();
    await expect(page.getByTestId('quote-dashboard')).toBeVisible();
    await expect(page.getByTestId('quote-dashboard-openRequests')).toHaveText(/^\d+$/);
    await expect(page.getByTestId('quote-dashboard-chart')).toBeVisible();
    await page.screenshot({ path: 'test-results/quotes-home-card.png' });
  } finally {
    await stopProcess(host);
    await stopProcess(server);
    rmSync(dir, { recursive: true, force: true });
  }
});
