import { describe, expect, it } from 'vitest';
import { BACKENDS } from '../backends';
import { baseRows, columnsOf, exec, expectRefused, expectSynced, useMigratedDatabase } from './support';

describe.each(BACKENDS)('migration 0005_customers (%s)', (kind) => {
  const database = useMigratedDatabase(kind, 5);

  it('creates customers, company users and addresses with the domain columns', async () => {
    const db = database.db();
    for (const row of baseRows) await exec(db, row);
    expect(await columnsOf(db, 'customers')).toEqual(expect.arrayContaining(['customer_number', 'org_number', 'loyalty_tier', 'consultant_id', 'branch_id', 'migration_state', 'version']));
    expect(await columnsOf(db, 'company_users')).toEqual(expect.arrayContaining(['email', 'name', 'role', 'old_shop_username']));
    expect(await columnsOf(db, 'addresses')).toEqual(expect.arrayContaining(['kind', 'line1', 'postal_code', 'city']));
  });

  it('defaults a new customer to silver and not_started, and refuses bad tiers, states and org numbers', async () => {
    const db = database.db();
    await exec(db, `insert into customers (id, customer_number, org_number, name, branch_id) values ('c1', '100001', '923609016', 'Lys AS', 'b1')`);
    await expectSynced(db, 'customers', 'c1');
    await expectRefused(db, `insert into customers (id, customer_number, org_number, name, branch_id, loyalty_tier) values ('c2', '100002', '923609016', 'X', 'b1', 'bronze')`, /check constraint/);
    await expectRefused(db, `insert into customers (id, customer_number, org_number, name, branch_id, migration_state) values ('c3', '100003', '923609016', 'X', 'b1', 'moved')`, /check constraint/);
    await expectRefused(db, `insert into customers (id, customer_number, org_number, name, branch_id) values ('c4', '100004', '92360901', 'X', 'b1')`, /check constraint/);
    await expectRefused(db, `insert into customers (id, customer_number, org_number, name, branch_id) values ('c5', '100001', '923609016', 'X', 'b1')`, /duplicate key/);
  });

  it('allows one business and one billing address but many delivery addresses, with 4-digit postal codes', async () => {
    const db = database.db();
    const address = (id: string, kind: string, postal = '0150') =>
      `insert into addresses (id, customer_id, branch_id, kind, line1, postal_code, city) values ('${id}', 'c1', 'b1', '${kind}', 'Storgata 1', '${postal}', 'Oslo')`;
    await exec(db, address('a1', 'business'));
    await exec(db, address('a2', 'billing'));
    await exec(db, address('a3', 'delivery'));
    await exec(db, address('a4', 'delivery'));
    await expectRefused(db, address('a5', 'billing'), /duplicate key/);
    await expectRefused(db, address('a6', 'delivery', '150'), /check constraint/);
    await expectSynced(db, 'addresses', 'a3');
  });

  it('keeps company-user e-mails unique regardless of case', async () => {
    const db = database.db();
    await exec(db, `insert into company_users (id, customer_id, branch_id, email, name, role) values ('u1', 'c1', 'b1', 'ola@lys.no', 'Ola', 'admin')`);
    await expectRefused(db, `insert into company_users (id, customer_id, branch_id, email, name, role) values ('u2', 'c1', 'b1', 'OLA@lys.no', 'Ola', 'viewer')`, /duplicate key/);
    await expectRefused(db, `insert into company_users (id, customer_id, branch_id, email, name, role) values ('u3', 'c1', 'b1', 'x@lys.no', 'X', 'boss')`, /check constraint/);
    await expectSynced(db, 'company_users', 'u1');
  });
});
