import { expect, test } from '@playwright/test';
import { readServiceKeysFile } from '../../server/shop/keys';
import { createSimClient } from '../../server/shop/simulator/client';
import { seededRandom } from '../../server/shop/simulator/context';
import { shopActions } from '../../server/shop/simulator/shopActions';
import { randomUUID } from 'node:crypto';
import { SYNC_SCHEMA_VERSION } from '../../electron/shared/protocol/sync';
import { shopQuoteListSchema } from '../../electron/shared/protocol/shop';
import { appUrl, signIn } from './signIn';

// Live data end to end: a customer on the (simulated) webshop asks for a quote; the staff
// member's overview counts it without a reload, through poke → pull → cache → data.changed.

async function requestQuote(): Promise<string> {
  const dir = process.env['E2E_PGLITE_DIR'];
  const serverUrl = process.env['E2E_SERVER_URL'];
  if (!dir || !serverUrl) throw new Error('the global setup did not set E2E_PGLITE_DIR / E2E_SERVER_URL');
  const keys = await readServiceKeysFile(dir);
  if (keys === undefined) throw new Error(`no service key file in ${dir}`);
  const action = shopActions.find((candidate) => candidate.name === 'quote.request');
  if (action === undefined) throw new Error('the simulator has no quote.request action');
  const ctx = { client: createSimClient(serverUrl, keys), random: seededRandom(7), returnedOrders: new Set<string>() };
  for (let attempt = 0; attempt < 10; attempt++) {
    const result = await action.run(ctx);
    if ('done' in result) return result.done;
  }
  throw new Error('found no project list to request a quote for');
}

test('a quote requested on the webshop shows in the overview without a reload', async ({ page }) => {
  await page.goto(appUrl());
  await signIn(page, 'customer_service');
  await expect(page.getByTestId('sync-state')).toHaveText(/Synkronisert|Synced/, { timeout: 30_000 });
  const open = page.getByTestId('home-openQuotes');
  await expect(open).toBeVisible();
  const before = Number((await open.innerText()).replace(/\s/g, ''));
  expect(before).toBeGreaterThan(0);

  await requestQuote();
  // Within the protocol's promise of a poke, and well within what a staff member would notice.
  await expect(open).toHaveText(String(before + 1), { timeout: 5_000 });
  await page.screenshot({ path: 'test-results/e2e-sync-overview.png' });
});

// Another staff member's action, as their own client would send it: login and push over HTTP.
async function colleagueClaimsAQuote(): Promise<string> {
  const serverUrl = process.env['E2E_SERVER_URL'] ?? '';
  const keys = await readServiceKeysFile(process.env['E2E_PGLITE_DIR'] ?? '');
  if (keys === undefined) throw new Error('no service key file');
  const shop = createSimClient(serverUrl, keys);
  const { quotes } = await shop.call('shop', 'GET', '/v1/shop/quotes?sample=1&status=requested', shopQuoteListSchema);
  const quoteId = quotes[0]?.id;
  if (quoteId === undefined) throw new Error('no requested quote to claim');
  const login = await fetch(`${serverUrl}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin@demo', password: 'demo' }) });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const push = await fetch(`${serverUrl}/v1/sync/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
    body: JSON.stringify({ clientId: randomUUID(), schemaVersion: SYNC_SCHEMA_VERSION, mutations: [{ seq: 1, name: 'quote.claim', args: { quoteId }, at: new Date().toISOString() }] }),
  });
  const answer = (await push.json()) as { results: Array<{ status: string }> };
  if (answer.results[0]?.status !== 'applied') throw new Error(`the claim was not applied: ${JSON.stringify(answer)}`);
  return quoteId;
}

test('a colleague’s claim shows in the overview without a reload', async ({ page }) => {
  await page.goto(appUrl());
  await signIn(page, 'customer_service');
  await expect(page.getByTestId('sync-state')).toHaveText(/Synkronisert|Synced/, { timeout: 30_000 });
  const unclaimed = page.getByTestId('home-unclaimed');
  await expect(unclaimed).toBeVisible();
  const before = Number((await unclaimed.innerText()).replace(/\s/g, ''));
  await colleagueClaimsAQuote();
  await expect(unclaimed).toHaveText(String(before - 1), { timeout: 5_000 });
});

test('signing out shows the login page, and signing in again opens the same cache at once', async ({ page }) => {
  await page.goto(appUrl());
  await signIn(page, 'consultant');
  await expect(page.getByTestId('sync-state')).toHaveText(/Synkronisert|Synced/, { timeout: 30_000 });
  await page.getByTestId('sign-out').click();
  await expect(page.getByTestId('login-page')).toBeVisible();
  await expect(page.getByTestId('login-demo-consultant')).toBeVisible();
  await page.screenshot({ path: 'test-results/e2e-login.png' });
  await signIn(page, 'consultant');
  await expect(page.getByTestId('home-openQuotes')).toBeVisible();
});
