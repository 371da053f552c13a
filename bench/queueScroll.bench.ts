import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { chromium } from '@playwright/test';
import { migrate, openDatabase } from '../server/db';
import { DEMO_PASSWORD, seedDatabase } from '../server/seed';
import { callBridge } from '../tests/e2e/bridge';
import { startProcess, stopProcess, type Started } from '../tests/e2e/processes';
import { ADMIN_URL, withAdmin } from './benchDatabase';
import { report } from './measure';
import { startService } from './service';

// The quote queue with 100 000 open quotes, end to end: the service on PostgreSQL, the browser
// host's real core (initial sync into its cache), the real renderer in Chromium. Reports how long
// the queue takes to show them, the frame times while scrolling with the mouse wheel, and a jump
// to the last row with the keyboard (Ctrl+End).

const NAME = 'lysdesk_bench_queue';
const QUOTES = 100_000;
const LINES_PER_QUOTE = 5;

/** The queue's load and scroll figures with 100 000 quotes. */
export async function benchQueueScroll(): Promise<void> {
  buildRenderer();
  const url = await seedQueueDatabase();
  const dir = mkdtempSync(join(tmpdir(), 'lysdesk-bench-queue-'));
  const service = await startService(url);
  let host: Started | undefined;
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  try {
    host = await startProcess('electron/host/main.ts', { LYSDESK_SERVER_URL: service.url, HOST_PORT: '0', LYSDESK_DATA_DIR: dir }, /host ready: (http:\/\/\S+)/);
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'nb-NO', timezoneId: 'Europe/Oslo' });
    await page.goto(host.url);
    await page.getByTestId('login-username').fill('service@demo');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('sync-state').filter({ hasText: 'Synkronisert' }).waitFor({ timeout: 600_000 });

    const opened = performance.now();
    await page.getByTestId('nav-quotes').click();
    await page.getByTestId('quote-scope-all').click();
    const count = page.getByTestId('quote-queue-count');
    await count.filter({ hasText: /^1\d\d\s?\d{3} tilbud$/ }).waitFor({ timeout: 120_000 });
    await page.locator('[data-testid^="quote-row-"]').first().waitFor();
    report({ metric: 'queue_100k_open_ms', value: performance.now() - opened, unit: 'ms' });
    const rows = Number((await count.innerText()).replace(/\D/g, ''));
    report({ metric: 'queue_rows', value: rows, unit: 'rows' });
    // The core's part of that: the same read over the host's socket, without the renderer.
    const read = performance.now();
    const answer = (await callBridge(host.url, 'quotes.queue', { scope: 'all', statuses: [], branchId: null, breachedOnly: false })) as { ok: boolean; value?: { rows: unknown[] } };
    if (answer.value?.rows.length !== rows) throw new Error('the bridge read gave another number of rows');
    report({ metric: 'queue_100k_bridge_read_ms', value: performance.now() - read, unit: 'ms' });
    // Again, warm: from "Mine" (none) back to all of them.
    await page.getByTestId('quote-scope-mine').click();
    await count.filter({ hasText: /^0 tilbud$/ }).waitFor({ timeout: 120_000 });
    const again = performance.now();
    await page.getByTestId('quote-scope-all').click();
    await count.filter({ hasText: /^1\d\d\s?\d{3} tilbud$/ }).waitFor({ timeout: 120_000 });
    report({ metric: 'queue_100k_reopen_ms', value: performance.now() - again, unit: 'ms' });

    // Wheel scrolling: 150 notches of 300 px, one per frame or so, with every frame's interval recorded.
    // The grid's vertically scrolling element (whatever AG Grid calls it): the tallest scroller.
    // Page code is typed by shape (this file compiles without the DOM's types) or given as text
    // (tsx would wrap a named function in a helper the page does not have).
    await page.getByTestId('quote-queue').evaluate((queue: ScrollBox & { querySelectorAll(selector: string): Iterable<ScrollBox> }) => {
      const window = globalThis as unknown as { getComputedStyle(el: ScrollBox): { overflowY: string } };
      let best: ScrollBox | null = null;
      for (const el of queue.querySelectorAll('*')) {
        const overflowY = window.getComputedStyle(el).overflowY;
        if ((overflowY === 'auto' || overflowY === 'scroll') && el.scrollHeight > el.clientHeight && (best === null || el.scrollHeight > best.scrollHeight)) best = el;
      }
      best?.setAttribute('data-bench-scroller', '');
    });

    const viewport = page.locator('[data-bench-scroller]');
    const box = await viewport.boundingBox();
    if (box === null) throw new Error('the queue grid has no viewport');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.evaluate(`(() => {
      window.frames_ = [];
      window.stop_ = false;
      let last = performance.now();
      const tick = (now) => {
        window.frames_.push(now - last);
        last = now;
        if (!window.stop_) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    })()`);
    const scrollTop = (): Promise<number> => viewport.evaluate((el: { scrollTop: number }) => el.scrollTop);
    const top = await scrollTop();
    for (let i = 0; i < 150; i++) {
      await page.mouse.wheel(0, 300);
      await page.waitForTimeout(16);
    }
    const frames = await page.evaluate<number[]>('window.stop_ = true, window.frames_.slice(1)');
    const scrolled = (await scrollTop()) - top;
    if (scrolled < 150 * 300 * 0.9) throw new Error(`the grid scrolled ${scrolled} px of ${150 * 300}`);
    const sorted = [...frames].sort((a, b) => a - b);
    const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
    report({ metric: 'queue_scroll_frames', value: frames.length, unit: 'frames' });
    report({ metric: 'queue_scroll_frame_ms_p50', value: at(0.5), unit: 'ms' });
    report({ metric: 'queue_scroll_frame_ms_p95', value: at(0.95), unit: 'ms' });
    report({ metric: 'queue_scroll_frames_over_50ms', value: frames.filter((ms) => ms > 50).length, unit: 'frames' });

    // Ctrl+End from a focused cell: the last row of 100 000 in view.
    await page.locator('.ag-row .ag-cell').first().click();
    const jumped = performance.now();
    await page.keyboard.press('Control+End');
    const atEnd = (): Promise<boolean> => viewport.evaluate((el: ScrollBox & { scrollTop: number }) => el.scrollTop + el.clientHeight >= el.scrollHeight - 2);
    while (!(await atEnd())) await page.waitForTimeout(5);
    await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
    report({ metric: 'queue_jump_to_last_row_ms', value: performance.now() - jumped, unit: 'ms' });
  } finally {
    await browser.close();
    await stopProcess(host);
    await service.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

// The renderer the host serves must be the current one.
function buildRenderer(): void {
  const result = spawnSync('node_modules/.bin/electron-vite', ['build'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) throw new Error('The build failed.');
}

/** What the page code here reads of an element. */
interface ScrollBox {
  scrollHeight: number;
  clientHeight: number;
  setAttribute(name: string, value: string): void;
}

// Size S (the demo logins among it) plus 100 000 open quotes of its customers, 5 lines each,
// written with set-based inserts. Made anew each run (about half a minute).
async function seedQueueDatabase(): Promise<string> {
  await withAdmin(async (client) => {
    await client.query(`drop database if exists "${NAME}" with (force)`);
    await client.query(`create database "${NAME}"`);
  });
  const url = new URL(ADMIN_URL);
  url.pathname = `/${NAME}`;
  const handle = await openDatabase({ kind: 'postgres', url: url.toString() });
  try {
    await migrate(handle.db);
    await seedDatabase(handle.db, { size: 'S', seed: 1 });
    await sql`
      with c as (select id, branch_id, (row_number() over (order by id)) - 1 as n from customers),
           total as (select count(*) as k from customers)
      insert into quotes (id, quote_number, customer_id, branch_id, status, requested_at, due_at, answered_at, valid_until, unread_customer_comments, updated_at)
      select 'bq-' || g, 'B-' || lpad(g::text, 6, '0'), c.id, c.branch_id,
        case when g % 4 = 0 then 'answered' else 'requested' end,
        now() - (g % 2000) * interval '1 minute', now() - (g % 2000) * interval '1 minute' + interval '24 hours',
        case when g % 4 = 0 then now() - (g % 2000) * interval '1 minute' + interval '2 hours' end,
        case when g % 4 = 0 then current_date + 30 end,
        g % 3, now()
      from generate_series(1, ${QUOTES}) g, total join c on true where c.n = g % total.k`.execute(handle.db);
    await sql`
      with p as (select id, article_number, name_nb, list_price_ore, (row_number() over (order by id)) - 1 as n from products),
           total as (select count(*) as k from products)
      insert into quote_lines (id, quote_id, branch_id, position, product_id, article_number, name, qty, list_price_ore, tier_discount_bp)
      select q.id || '-' || s, q.id, q.branch_id, s, p.id, p.article_number, p.name_nb, 1 + (s * 7) % 40, p.list_price_ore, 500
      from quotes q cross join generate_series(1, ${LINES_PER_QUOTE}) s cross join total
      join p on p.n = (abs(hashtext(q.id)) + s) % total.k
      where q.id like 'bq-%'`.execute(handle.db);
    await sql`vacuum analyze`.execute(handle.db);
  } finally {
    await handle.close();
  }
  return url.toString();
}
