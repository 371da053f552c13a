import { describe, it } from 'vitest';
import { BACKENDS } from '../backends';
import { baseRows, customerRows, exec, expectRefused, expectSynced, useMigratedDatabase } from './support';

const line = (id: string, no: number, extra = '', values = '') =>
  `insert into order_lines (id, order_id, branch_id, line_no, product_id, qty, unit_price_ore${extra}) values ('${id}', 'o1', 'b1', ${no}, 'p1', 5, 47405${values})`;

describe.each(BACKENDS)('migration 0009_orders (%s)', (kind) => {
  const database = useMigratedDatabase(kind, 9);

  it('stores an order with a fixed payment method and one delivery option', async () => {
    const db = database.db();
    for (const row of [...baseRows, ...customerRows]) await exec(db, row);
    await exec(db, `insert into orders (id, order_number, customer_id, branch_id, payment_method, partial_delivery, placed_at) values ('o1', 'O-1', 'c1', 'b1', 'invoice', true, now())`);
    await expectSynced(db, 'orders', 'o1');
    await expectRefused(db, `insert into orders (id, order_number, customer_id, branch_id, payment_method, placed_at) values ('o2', 'O-2', 'c1', 'b1', 'bitcoin', now())`, /check constraint/);
    await expectRefused(db, `insert into orders (id, order_number, customer_id, branch_id, payment_method, partial_delivery, requested_delivery_date, placed_at) values ('o3', 'O-3', 'c1', 'b1', 'card', true, '2026-12-01', now())`, /orders_delivery_option/);
  });

  it('keeps line status and cancelled quantity consistent', async () => {
    const db = database.db();
    await exec(db, line('l1', 1));
    await exec(db, line('l2', 2, ', cancelled_qty', ', 2'));
    await exec(db, line('l3', 3, ', cancelled_qty, status', ", 5, 'cancelled'"));
    await expectSynced(db, 'order_lines', 'l1');
    await expectRefused(db, line('l4', 4, ', cancelled_qty', ', 6'), /order_lines_cancelled_le_qty/);
    await expectRefused(db, line('l5', 5, ', cancelled_qty, status', ", 5, 'open'"), /order_lines_cancelled_all/);
    await expectRefused(db, line('l6', 6, ', status', ", 'lost'"), /check constraint/);
    await expectRefused(db, line('l7', 1), /duplicate key/);
  });
});
