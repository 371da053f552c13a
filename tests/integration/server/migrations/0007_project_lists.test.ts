import { describe, it } from 'vitest';
import { BACKENDS } from '../backends';
import { baseRows, customerRows, exec, expectRefused, expectSynced, useMigratedDatabase } from './support';

describe.each(BACKENDS)('migration 0007_project_lists (%s)', (kind) => {
  const database = useMigratedDatabase(kind, 7);

  it('holds project lists with items of positive quantity, synced and removed with the list', async () => {
    const db = database.db();
    for (const row of [...baseRows, ...customerRows]) await exec(db, row);
    await exec(db, `insert into project_lists (id, customer_id, branch_id, name) values ('pl1', 'c1', 'b1', 'Kontorbygg Bjørvika')`);
    await exec(db, `insert into project_list_items (id, project_list_id, branch_id, product_id, qty) values ('pi1', 'pl1', 'b1', 'p1', 40)`);
    await expectSynced(db, 'project_lists', 'pl1');
    await expectSynced(db, 'project_list_items', 'pi1');
    await expectRefused(db, `insert into project_list_items (id, project_list_id, branch_id, product_id, qty) values ('pi2', 'pl1', 'b1', 'p1', 0)`, /check constraint/);
    await expectRefused(db, `insert into project_list_items (id, project_list_id, branch_id, product_id, qty) values ('pi3', 'nope', 'b1', 'p1', 1)`, /foreign key/);
  });
});
