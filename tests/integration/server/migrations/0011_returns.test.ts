import { describe, it } from 'vitest';
import { BACKENDS } from '../backends';
import { baseRows, customerRows, exec, expectRefused, expectSynced, useMigratedDatabase } from './support';

const ret = (id: string, kind: string, reason: string | null, status = 'requested', rejection: string | null = null) =>
  `insert into returns (id, return_number, order_id, customer_id, branch_id, kind, reason, status, rejection_reason, requested_at)
   values ('${id}', 'R-${id}', 'o1', 'c1', 'b1', '${kind}', ${reason ? `'${reason}'` : 'null'}, '${status}', ${rejection ? `'${rejection}'` : 'null'}, now())`;

describe.each(BACKENDS)('migration 0011_returns (%s)', (kind) => {
  const database = useMigratedDatabase(kind, 11);

  it('takes returns without a reason, warranty claims only with one, rejections only with one', async () => {
    const db = database.db();
    for (const row of [...baseRows, ...customerRows]) await exec(db, row);
    await exec(db, `insert into orders (id, order_number, customer_id, branch_id, payment_method, placed_at) values ('o1', 'O-1', 'c1', 'b1', 'card', now())`);
    await exec(db, `insert into order_lines (id, order_id, branch_id, line_no, product_id, qty, unit_price_ore) values ('l1', 'o1', 'b1', 1, 'p1', 2, 100)`);
    await exec(db, ret('r1', 'return', null));
    await exec(db, ret('r2', 'warranty', 'Driveren er defekt'));
    await expectRefused(db, ret('r3', 'warranty', null), /returns_warranty_reason/);
    await expectRefused(db, ret('r4', 'return', null, 'rejected'), /returns_rejection_reason/);
    await expectRefused(db, ret('r5', 'exchange', null), /check constraint/);
    await exec(db, `insert into return_lines (id, return_id, branch_id, order_line_id, qty) values ('rl1', 'r1', 'b1', 'l1', 1)`);
    await expectSynced(db, 'returns', 'r1');
    await expectSynced(db, 'return_lines', 'rl1');
  });
});
