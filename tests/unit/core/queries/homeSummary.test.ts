import { describe, expect, it } from 'vitest';
import { openCache } from '../../../../electron/core/cache/open';
import { homeSummarySql, readHomeSummary } from '../../../../electron/core/queries/homeSummary';
import { useTempFiles } from '../cache/cacheFixture';

const now = new Date('2026-11-21T12:00:00.000Z');
const hours = (h: number): string => new Date(now.getTime() + h * 3_600_000).toISOString();

describe('the overview figures', () => {
  const temp = useTempFiles();

  it('counts open quotes, those due within 4 hours, breached ones and new messages', async () => {
    const cache = openCache({ file: temp.file() });
    const quote = cache.sqlite.prepare(`INSERT INTO quotes (id, quote_number, customer_id, branch_id, status, requested_at, due_at, unread_customer_comments, updated_at)
      VALUES (?, ?, 'c1', 'b1', ?, ?, ?, 0, ?)`);
    const rows: Array<[string, string, number]> = [
      ['q1', 'requested', 10], // open, due later
      ['q2', 'in_progress', 3], // due within 4 h
      ['q3', 'revision_requested', -1], // breached
      ['q4', 'answered', -5], // not open: not breached either
      ['q5', 'requested', 4], // exactly 4 h: not "within"
    ];
    for (const [id, status, dueIn] of rows) quote.run(id, `T-${id}`, status, hours(dueIn - 24), hours(dueIn), hours(0));
    cache.sqlite
      .prepare(`INSERT INTO contact_messages (id, category, sender_name, sender_email, subject, body, received_at, status) VALUES (?, 'general', 'Ola', 'ola@example.no', 'Hei', 'Tekst', ?, ?)`)
      .run('m1', hours(-1), 'new');
    expect(readHomeSummary(cache.sqlite, now)).toEqual({ openQuotes: 4, unclaimed: 2, dueWithin4h: 1, breached: 1, newMessages: 1, asOf: now.toISOString() });
    await cache.close();
  });

  it('compares due times as instants whatever their ISO spelling', async () => {
    const cache = openCache({ file: temp.file() });
    const quote = cache.sqlite.prepare(`INSERT INTO quotes (id, quote_number, customer_id, branch_id, status, requested_at, due_at, unread_customer_comments, updated_at)
      VALUES (?, ?, 'c1', 'b1', 'requested', '2026-11-20T12:00:00+00:00', ?, 0, '2026-11-20T12:00:00+00:00')`);
    quote.run('now', 'T-1', '2026-11-21T12:00:00+00:00'); // due this very moment: within 4 h, not breached
    quote.run('offset', 'T-2', '2026-11-21T12:30:00+01:00'); // 11:30 UTC: breached
    quote.run('later', 'T-3', '2026-11-21T17:59:59.999+02:00'); // 15:59:59.999 UTC: within 4 h
    expect(readHomeSummary(cache.sqlite, now)).toMatchObject({ openQuotes: 3, dueWithin4h: 2, breached: 1 });
    await cache.close();
  });

  it.each(Object.entries(homeSummarySql))('reads %s through an index, never a table scan', async (_name, query) => {
    const cache = openCache({ file: temp.file() });
    const params = (query.match(/\?/g) ?? []).map(() => now.toISOString());
    const plan = (cache.sqlite.prepare(`EXPLAIN QUERY PLAN ${query}`).all(...params) as Array<{ detail: string }>).map((step) => step.detail);
    expect(plan.join(' | ')).toMatch(/USING (COVERING )?INDEX/);
    expect(plan.some((detail) => /^SCAN \w+$/.test(detail))).toBe(false);
    await cache.close();
  });
});
