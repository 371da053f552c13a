import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { discountedPriceOre } from '../../electron/shared/domain/quoteAnswer';
import { readCache } from './cacheFile';
import { openCustomer } from './customerPage';
import { startProcess, stopProcess, type Started } from './processes';
import { shopCall, shopOk } from './shopClient';
import { signIn } from './signIn';

// A consultant and a branch colleague on one customer, against the real service and core: the
// consultant finds the customer, raises the tier with a reason (the history says so, and the
// shop's prices follow); the branch presses the move switch, the customer submits the form in
// the old shop and activates the new account, the old shop closes for them, and the branch
// re-opens it as an agreed exception.

const serverReady = /server listening on (http:\/\/\S+)/;
const SHOP_KEY = 'e2e-shop-key-that-is-long-enough-9012';

interface Picked {
  id: string;
  number: string;
  name: string;
  username: string;
}

// A silver customer of the demo branch that has not started the move and has an old-shop user.
function pickCustomer(hostDir: string): Picked {
  const [row] = readCache<Picked>(
    hostDir,
    `SELECT c.id, c.customer_number AS number, c.name, u.old_shop_username AS username
     FROM customers c JOIN company_users u ON u.customer_id = c.id
     WHERE c.loyalty_tier = 'silver' AND c.migration_state = 'not_started' AND u.old_shop_username IS NOT NULL
     ORDER BY c.customer_number LIMIT 1`,
  );
  if (row === undefined) throw new Error('the seed has no silver, not-started customer with an old-shop user in the demo branch');
  return row;
}

function anyArticle(hostDir: string): string {
  const [row] = readCache<{ article: string }>(hostDir, `SELECT article_number AS article FROM products WHERE active = 1 ORDER BY article_number LIMIT 1`);
  if (row === undefined) throw new Error('no products in the cache');
  return row.article;
}

interface Prices {
  tier: string;
  tierDiscountBp: number;
  prices: Array<{ articleNumber: string; listPriceOre: number; priceOre: number }>;
}

async function settled(page: Page): Promise<void> {
  await expect(page.getByTestId('sync-queue')).toHaveCount(0, { timeout: 20_000 });
}

test('tier change with a reason reaches the history and the shop; the move runs from switch to re-opened old shop', async ({ page }) => {
  test.setTimeout(300_000);
  const dir = mkdtempSync(join(tmpdir(), 'lysdesk-e2e-customers-'));
  const hostDir = join(dir, 'host');
  mkdirSync('test-results', { recursive: true });
  let server: Started | undefined;
  let host: Started | undefined;
  try {
    server = await startProcess('tests/e2e/server.ts', { PGLITE_DIR: join(dir, 'pglite'), DATABASE_URL: '', SHOP_API_KEY: SHOP_KEY }, serverReady, 240_000);
    const url = server.url;
    host = await startProcess('electron/host/main.ts', { LYSDESK_SERVER_URL: url, HOST_PORT: '0', LYSDESK_DATA_DIR: hostDir }, /host ready: (http:\/\/\S+)/);
    await page.goto(host.url);
    await signIn(page, 'consultant');
    await expect(page.getByTestId('sync-state')).toHaveText(/Synkronisert/, { timeout: 60_000 });
    const customer = pickCustomer(hostDir);
    const article = anyArticle(hostDir);
    const pricesPath = `/v1/shop/customers/${customer.number}/prices?articles=${encodeURIComponent(article)}`;
    const before = (await shopOk(url, SHOP_KEY, 'GET', pricesPath)) as Prices;
    expect(before.tier).toBe('silver');

    // Search → open → change the tier to gold with a reason.
    await openCustomer(page, customer, `${customer.name.split(/\s+/)[0] ?? ''} ${customer.number}`);
    await expect(page.getByTestId('customer-tier')).toHaveAttribute('data-tier', 'silver');
    await expect(page.getByTestId('tier-suggestion')).toContainText('siste 12 mnd.');
    await page.getByTestId('tier-change-open').click();
    const dialog = page.getByTestId('tier-change-dialog');
    await expect(dialog).toBeVisible();
    await page.getByTestId('tier-select').selectOption('gold');
    await page.getByTestId('tier-reason').fill('Ny rammeavtale for 2027, avtalt med innkjøpssjef.');
    await page.getByTestId('tier-change-submit').click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('customer-tier')).toHaveAttribute('data-tier', 'gold');
    const newest = page.getByTestId('tier-history-row').first();
    await expect(newest).toContainText('Ny rammeavtale for 2027');
    await expect(newest).toContainText(/sølv.*gull/i);
    await expect(newest).toContainText('Ingrid Bakke');
    await settled(page);
    await page.screenshot({ path: 'test-results/customers-tier-changed.png' });

    // The shop prices the customer's goods with gold's discount now.
    const after = (await shopOk(url, SHOP_KEY, 'GET', pricesPath)) as Prices;
    expect(after.tier).toBe('gold');
    expect(after.tierDiscountBp).toBeGreaterThan(before.tierDiscountBp);
    const price = after.prices[0];
    expect(price?.priceOre).toBe(discountedPriceOre(price?.listPriceOre ?? -1, after.tierDiscountBp));
    expect(price?.priceOre).toBeLessThan(before.prices[0]?.priceOre ?? 0);

    // The branch colleague presses the move switch on the same customer.
    await signIn(page, 'branch');
    await expect(page.getByTestId('sync-state')).toHaveText(/Synkronisert/, { timeout: 60_000 });
    await openCustomer(page, customer, `${customer.name.split(/\s+/)[0] ?? ''} ${customer.number}`);
    const panel = page.getByTestId('migration-panel');
    await expect(page.getByTestId('migration-state')).toHaveAttribute('data-state', 'not_started');
    await expect(page.getByTestId('migration-action-resendActivation')).toHaveCount(0);
    await page.getByTestId('migration-action-switchOn').click();
    await expect(page.getByTestId('migration-state')).toHaveAttribute('data-state', 'switched_on');
    await settled(page);

    // In the old shop the customer now sees the move form, and submits it.
    const login = await shopOk(url, SHOP_KEY, 'POST', '/v1/shop/old-shop/login', { username: customer.username });
    expect(login).toMatchObject({ customerNumber: customer.number, migrationFormShown: true });
    await shopOk(url, SHOP_KEY, 'POST', `/v1/shop/customers/${customer.number}/migration-form`, {});
    await expect(page.getByTestId('migration-state')).toHaveAttribute('data-state', 'form_submitted', { timeout: 10_000 });
    await expect(page.getByTestId('migration-action-resendActivation')).toBeVisible();

    // The customer activates the new-shop account: the old shop is closed to them.
    await shopOk(url, SHOP_KEY, 'POST', `/v1/shop/customers/${customer.number}/activation`, {});
    await expect(page.getByTestId('migration-state')).toHaveAttribute('data-state', 'activated', { timeout: 10_000 });
    await expect(page.getByTestId('old-shop-access')).toHaveAttribute('data-access', 'false');
    const closed = await shopCall(url, SHOP_KEY, 'POST', '/v1/shop/old-shop/login', { username: customer.username });
    expect(closed.status).toBe(403);
    expect(closed.json).toMatchObject({ error: { code: 'OLD_SHOP_ACCESS_ENDED' } });

    // By agreement the branch re-opens the old shop for them, with a reason.
    await page.getByTestId('migration-action-reactivateOldShop').click();
    await page.getByTestId('migration-reason').fill('Avtalt overgangsperiode ut januar for prosjekt Fjordbyen.');
    await page.getByTestId('migration-dialog-submit').click();
    await expect(page.getByTestId('migration-state')).toHaveAttribute('data-state', 'old_shop_reactivated');
    await expect(page.getByTestId('old-shop-access')).toHaveAttribute('data-access', 'true');
    await settled(page);
    const reopened = await shopCall(url, SHOP_KEY, 'POST', '/v1/shop/old-shop/login', { username: customer.username });
    expect(reopened.status).toBe(200);
    const history = page.getByTestId('migration-history');
    await expect(history).toContainText('Avtalt overgangsperiode');
    await expect(page.getByTestId('migration-history-row')).toHaveCount(4, { timeout: 10_000 });
    await panel.scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/customers-migration-reopened.png', fullPage: true });

    // The overview: its chart, and a bulk switch-on of two customers after a confirmation.
    await page.getByTestId('nav-migration').click();
    await expect(page.getByTestId('migration-overview')).toBeVisible();
    await expect(page.getByTestId('migration-progress-chart')).toBeVisible();
    await page.screenshot({ path: 'test-results/migration-overview.png', fullPage: true });
    const pair = readCache<{ number: string }>(hostDir, `SELECT customer_number AS number FROM customers WHERE migration_state = 'not_started' ORDER BY customer_number LIMIT 2`);
    expect(pair).toHaveLength(2);
    const search = page.getByTestId('migration-bulk-search');
    for (const { number } of pair) {
      await search.fill(number);
      await page.getByTestId(`migration-bulk-row-${number}`).locator('input[type="checkbox"]').check();
    }
    await search.fill('');
    const button = page.getByTestId('migration-bulk-switch-on');
    await expect(button).toHaveAttribute('data-count', '2');
    await button.click();
    await expect(page.getByTestId('migration-bulk-dialog')).toHaveAttribute('data-count', '2');
    await page.screenshot({ path: 'test-results/migration-bulk-confirm.png' });
    await page.getByTestId('migration-bulk-confirm').click();
    await expect(page.getByTestId('migration-bulk-result')).toHaveAttribute('data-ok', '2');
    await settled(page);
    for (const { number } of pair) {
      const account = (await shopOk(url, SHOP_KEY, 'GET', `/v1/shop/customers/${number}`)) as { migrationState: string };
      expect(account.migrationState).toBe('switched_on');
    }
  } finally {
    await stopProcess(host);
    await stopProcess(server);
    rmSync(dir, { recursive: true, force: true });
  }
});
