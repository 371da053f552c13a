import { describe, it } from 'vitest';
import { BACKENDS } from '../backends';
import { baseRows, customerRows, exec, expectRefused, expectSynced, useMigratedDatabase } from './support';

describe.each(BACKENDS)('migration 0010_shipments_invoices (%s)', (kind) => {
  const database = useMigratedDatabase(kind, 10);

  it('links lines to shipments and allows exactly one invoice per shipment', async () => {
    const db = database.db();
    for (const row of [...baseRows, ...customerRows]) await exec(db, row);
    await exec(db, `insert into orders (id, order_number, customer_id, branch_id, payment_method, placed_at) values ('o1', 'O-1', 'c1', 'b1', 'invoice', now())`);
    await exec(db, `insert into order_lines (id, order_id, branch_id, line_no, product_id, qty, unit_price_ore) values ('l1', 'o1', 'b1', 1, 'p1', 2, 100)`);
    await exec(db, `insert into shipments (id, order_id, branch_id, carrier, tracking_number, shipped_at) values ('sh1', 'o1', 'b1', 'Bring', '70712345678901234', now())`);
    await exec(db, `update order_lines set shipment_id = 'sh1', status = 'shipped' where id = 'l1'`);
    await expectRefused(db, `update order_lines set shipment_id = 'nope' where id = 'l1'`, /foreign key/);
    await exec(db, `insert into invoices (id, invoice_number, shipment_id, order_id, branch_id, amount_ore, issued_at) values ('i1', 'F-1', 'sh1', 'o1', 'b1', 200, now())`);
    await expectRefused(db, `insert into invoices (id, invoice_number, shipment_id, order_id, branch_id, amount_ore, issued_at) values ('i2', 'F-2', 'sh1', 'o1', 'b1', 200, now())`, /duplicate key/);
    await expectRefused(db, `update shipments set delivered_at = shipped_at - interval '1 day' where id = 'sh1'`, /shipments_delivered_after_shipped/);
    await expectSynced(db, 'shipments', 'sh1');
    await expectSynced(db, 'invoices', 'i1');
  });
});
