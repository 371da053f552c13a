import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { BACKENDS } from '../backends';
import { baseRows, customerRows, exec, expectRefused, expectSynced, useMigratedDatabase } from './support';

const quote = (id: string, number: string, extra = '') =>
  `insert into quotes (id, quote_number, customer_id, branch_id, requested_at, due_at${extra ? ', status, decline_reason' : ''})
   values ('${id}', '${number}', 'c1', 'b1', '2026-11-20T08:00:00Z', '2026-11-21T08:00:00Z'${extra})`;

describe.each(BACKENDS)('migration 0008_quotes (%s)', (kind) => {
  const database = useMigratedDatabase(kind, 8);

  it('keeps the 24-hour promise in due_at and starts a quote as requested', async () => {
    const db = database.db();
    for (const row of [...baseRows, ...customerRows]) await exec(db, row);
    await exec(db, quote('q1', 'T-1'));
    const row = await sql<{ status: string }>`select status from quotes where id = 'q1'`.execute(db);
    expect(row.rows[0]?.status).toBe('requested');
    await expectSynced(db, 'quotes', 'q1');
    await expectRefused(db, `insert into quotes (id, quote_number, customer_id, branch_id, requested_at, due_at) values ('q2', 'T-2', 'c1', 'b1', '2026-11-20T08:00:00Z', '2026-11-22T08:00:00Z')`, /quotes_due_24h/);
  });

  it('refuses unknown states and a decline without a reason', async () => {
    const db = database.db();
    await expectRefused(db, quote('q3', 'T-3', ", 'lost', null"), /check constraint/);
    await expectRefused(db, quote('q4', 'T-4', ", 'declined', null"), /quotes_declined_reason/);
    await exec(db, quote('q5', 'T-5', ", 'declined', 'Varene er utgått'"));
  });

  it('holds lines with discounts in basis points, a staff-or-customer comment thread and a history', async () => {
    const db = database.db();
    await exec(db, `insert into quote_lines (id, quote_id, branch_id, position, product_id, article_number, name, qty, list_price_ore, tier_discount_bp, extra_discount_bp)
      values ('ql1', 'q1', 'b1', 1, 'p1', 'LED-1001', 'Downlight', 10, 49900, 500, 250)`);
    await expectRefused(db, `insert into quote_lines (id, quote_id, branch_id, position, product_id, article_number, name, qty, list_price_ore, extra_discount_bp)
      values ('ql2', 'q1', 'b1', 2, 'p1', 'LED-1001', 'Downlight', 1, 49900, 10001)`, /check constraint/);
    await exec(db, `insert into quote_comments (id, quote_id, branch_id, author_kind, body) values ('qc1', 'q1', 'b1', 'customer', 'Kan dere gi bedre pris?')`);
    await exec(db, `insert into quote_comments (id, quote_id, branch_id, author_kind, author_staff_id, body) values ('qc2', 'q1', 'b1', 'staff', 's1', 'Ja, se revidert tilbud.')`);
    await expectRefused(db, `insert into quote_comments (id, quote_id, branch_id, author_kind, body) values ('qc3', 'q1', 'b1', 'staff', 'uten forfatter')`, /quote_comments_author/);
    await exec(db, `insert into quote_events (id, quote_id, branch_id, actor_kind, actor_id, kind) values ('qe1', 'q1', 'b1', 'staff', 's1', 'claimed')`);
    for (const [table, id] of [['quote_lines', 'ql1'], ['quote_comments', 'qc1'], ['quote_events', 'qe1']] as const) await expectSynced(db, table, id);
  });
});
