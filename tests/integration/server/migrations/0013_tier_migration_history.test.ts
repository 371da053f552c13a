import { describe, it } from 'vitest';
import { BACKENDS } from '../backends';
import { baseRows, customerRows, exec, expectRefused, expectSynced, useMigratedDatabase } from './support';

describe.each(BACKENDS)('migration 0013_tier_migration_history (%s)', (kind) => {
  const database = useMigratedDatabase(kind, 13);

  it('records tier changes only with a reason and a real change, and migration steps', async () => {
    const db = database.db();
    for (const row of [...baseRows, ...customerRows]) await exec(db, row);
    await exec(db, `insert into loyalty_tier_changes (id, customer_id, branch_id, from_tier, to_tier, reason, changed_by) values ('t1', 'c1', 'b1', 'silver', 'gold', '42 ordre siste år', 's1')`);
    await expectRefused(db, `insert into loyalty_tier_changes (id, customer_id, branch_id, from_tier, to_tier, reason, changed_by) values ('t2', 'c1', 'b1', 'gold', 'gold', 'x', 's1')`, /loyalty_tier_changes_differs/);
    await expectRefused(db, `insert into loyalty_tier_changes (id, customer_id, branch_id, from_tier, to_tier, reason, changed_by) values ('t3', 'c1', 'b1', 'gold', 'platinum', '', 's1')`, /check constraint/);
    await exec(db, `insert into migration_events (id, customer_id, branch_id, action, from_state, to_state, actor_kind, actor_id) values ('e1', 'c1', 'b1', 'switch_on', 'not_started', 'switched_on', 'staff', 's1')`);
    await expectSynced(db, 'loyalty_tier_changes', 't1');
    await expectSynced(db, 'migration_events', 'e1');
  });
});
