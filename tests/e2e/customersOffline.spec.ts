import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { sql } from 'kysely';
import { openDatabase } from '../../server/db';
import { readCache } from './cacheFile';
import { openCustomer } from './customerPage';
import { startProcess, stopProcess, type Started } from './processes';
import { signIn } from './signIn';

// Tier changes and migration actions made with the service down queue like every action: they
// show at once, go out on reconnect, and one whose customer moved on meanwhile (a colleague set
// another tier; the customer submitted the move form) comes back in Needs attention with the
// server's reason, and "Åpne" opens that customer.

const serverReady = /server listening on (http:\/\/\S+)/;
const SHOP_KEY = 'e2e-shop-key-that-is-long-enough-3456';

interface Row {
  id: string;
  number: string;
  name: string;
}

function customers(hostDir: string, where: string): [Row, Row] {
  const rows = readCache<Row>(hostDir, `SELECT id, customer_number AS number, name FROM customers WHERE ${where} ORDER BY customer_number LIMIT 2`);
  if (rows.length < 2 || rows[0] === undefined || rows[1] === undefined) throw new Error(`the seed has fewer than two customers where ${where}`);
  return [rows[0], rows[1]];
}

async function withService(role: 'consultant' | 'branch', page: Page, work: (ctx: { hostDir: string; pgliteDir: string; restart: () => Promise<void>; stop: () => Promise<void> }) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), `lysdesk-e2e-customers-offline-${role}-`));
  const pgliteDir = join(dir, 'pglite');
  const hostDir = join(dir, 'host');
  const serverEnv = { PGLITE_DIR: pgliteDir, DATABASE_URL: '', SHOP_API_KEY: SHOP_KEY };
  let server: Started | undefined;
  let host: Started | undefined;
  try {
    server = await startProcess('tests/e2e/server.ts', serverEnv, serverReady, 240_000);
    const port = new URL(server.url).port;
    host = await startProcess('electron/host/main.ts', { LYSDESK_SERVER_URL: server.url, HOST_PORT: '0', LYSDESK_DATA_DIR: hostDir }, /host ready: (http:\/\/\S+)/);
    await page.goto(host.url);
    await signIn(page, role);
    await expect(page.getByTestId('sync-state')).toHaveText(/Synkronisert/, { timeout: 60_000 });
    await work({
      hostDir,
      pgliteDir,
      stop: async () => {
        await stopProcess(server);
        server = undefined;
        await expect(page.getByTestId('offline-banner')).toBeVisible({ timeout: 20_000 });
      },
      restart: async () => {
        server = await startProcess('tests/e2e/server.ts', { ...serverEnv, PORT: port }, serverReady, 240_000);
        await page.getByRole('button', { name: 'Prøv nå' }).click();
        await expect(page.getByTestId('sync-queue')).toHaveCount(0, { timeout: 30_000 });
      },
    });
  } finally {
    await stopProcess(host);
    await stopProcess(server);
    rmSync(dir, { recursive: true, force: true });
  }
}

async function changeTier(page: Page, tier: 'silver' | 'gold' | 'platinum', reason: string): Promise<void> {
  await page.getByTestId('tier-change-open').click();
  await page.getByTestId('tier-select').selectOption(tier);
  await page.getByTestId('tier-reason').fill(reason);
  await page.getByTestId('tier-change-submit').click();
  await expect(page.getByTestId('tier-change-dialog')).toBeHidden();
}

test('tier changes made offline go out on reconnect; one on a tier a colleague changed meanwhile comes back', async ({ page }) => {
  test.setTimeout(300_000);
  await withService('consultant', page, async ({ hostDir, pgliteDir, stop, restart }) => {
    const [kept, contested] = customers(hostDir, `loyalty_tier = 'silver'`);
    await stop();
    await openCustomer(page, kept);
    await changeTier(page, 'gold', 'Økt volum i år.');
    await expect(page.getByTestId('customer-tier')).toHaveAttribute('data-tier', 'gold');
    await expect(page.getByTestId('tier-history-row').first()).toContainText(/venter/i);
    await openCustomer(page, contested);
    await changeTier(page, 'gold', 'Skal opp ett nivå.');
    await expect(page.getByTestId('sync-queue')).toHaveText('2 handlinger i kø');

    // Meanwhile an admin puts the second customer on platinum in the service's database.
    const handle = await openDatabase({ kind: 'pglite', dir: pgliteDir });
    await sql`update customers set loyalty_tier = 'platinum' where id = ${contested.id}`.execute(handle.db);
    await handle.close();

    await restart();
    await expect(page.getByTestId('sync-attention')).toHaveText('1 trenger oppmerksomhet');
    await page.getByTestId('sync-attention').click();
    const item = page.getByTestId('attention-item');
    await expect(item).toContainText('TIER_CHANGED_MEANWHILE');
    await expect(item).toContainText(`Kundenivået til kunde ${contested.number} er endret til platina`);
    await page.screenshot({ path: 'test-results/customers-offline-attention.png' });
    await item.getByRole('button', { name: 'Åpne' }).click();
    await expect(page.getByTestId('customer-page')).toContainText(contested.name);
    await expect(page.getByTestId('customer-tier')).toHaveAttribute('data-tier', 'platinum');

    // The first change went through as made offline.
    await openCustomer(page, kept);
    await expect(page.getByTestId('customer-tier')).toHaveAttribute('data-tier', 'gold');
    await expect(page.getByTestId('tier-history-row').first()).toContainText('Økt volum i år.');
    await expect(page.getByTestId('tier-history-row').first()).not.toContainText(/venter/i);
  });
});

test('migration actions made offline go out on reconnect; switching off a customer who submitted the form meanwhile comes back', async ({ page }) => {
  test.setTimeout(300_000);
  await withService('branch', page, async ({ hostDir, pgliteDir, stop, restart }) => {
    const [fresh] = customers(hostDir, `migration_state = 'not_started'`);
    const [, invited] = customers(hostDir, `migration_state = 'switched_on'`);
    await stop();
    await openCustomer(page, fresh);
    await page.getByTestId('migration-action-switchOn').click();
    await expect(page.getByTestId('migration-state')).toHaveAttribute('data-state', 'switched_on');
    await openCustomer(page, invited);
    await page.getByTestId('migration-action-switchOff').click();
    // Switching off asks first.
    await page.getByTestId('migration-dialog-submit').click();
    await expect(page.getByTestId('migration-state')).toHaveAttribute('data-state', 'not_started');
    await expect(page.getByTestId('sync-queue')).toHaveText('2 handlinger i kø');

    // Meanwhile the customer submits the move form (the shop writes it in the database).
    const handle = await openDatabase({ kind: 'pglite', dir: pgliteDir });
    await sql`update customers set migration_state = 'form_submitted' where id = ${invited.id}`.execute(handle.db);
    await handle.close();

    await restart();
    await expect(page.getByTestId('sync-attention')).toHaveText('1 trenger oppmerksomhet');
    await page.getByTestId('sync-attention').click();
    const item = page.getByTestId('attention-item');
    await expect(item).toContainText('MIGRATION_STATE_CONFLICT');
    await expect(item).toContainText(`Kan ikke slå av flytteknappen for kunde ${invited.number}: kunden er skjema sendt`);
    await item.getByRole('button', { name: 'Åpne' }).click();
    await expect(page.getByTestId('customer-page')).toContainText(invited.name);
    await expect(page.getByTestId('migration-state')).toHaveAttribute('data-state', 'form_submitted');

    await openCustomer(page, fresh);
    await expect(page.getByTestId('migration-state')).toHaveAttribute('data-state', 'switched_on');
    await expect(page.getByTestId('migration-history-row').first()).not.toContainText(/venter/i);
  });
});
