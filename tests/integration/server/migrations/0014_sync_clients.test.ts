import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { BACKENDS } from '../backends';
import { baseRows, exec, expectRefused, useMigratedDatabase } from './support';

describe.each(BACKENDS)('migration 0014_sync_clients (%s)', (kind) => {
  const database = useMigratedDatabase(kind, 14);

  it('keeps one outcome per client and seq, with a code exactly when rejected', async () => {
    const db = database.db();
    for (const row of baseRows) await exec(db, row);
    await exec(db, `insert into sync_clients (client_id, staff_id) values ('6f1c6a0e-8d9b-4c47-a3c4-0d1f3b6a2e11', 's1')`);
    await exec(db, `insert into sync_mutation_outcomes (client_id, seq, name, status) values ('6f1c6a0e-8d9b-4c47-a3c4-0d1f3b6a2e11', 1, 'quote.claim', 'applied')`);
    await exec(db, `insert into sync_mutation_outcomes (client_id, seq, name, status, code, message) values ('6f1c6a0e-8d9b-4c47-a3c4-0d1f3b6a2e11', 2, 'quote.claim', 'rejected', 'QUOTE_CLAIMED_BY_OTHER', 'Tatt av Kari')`);
    await expectRefused(db, `insert into sync_mutation_outcomes (client_id, seq, name, status) values ('6f1c6a0e-8d9b-4c47-a3c4-0d1f3b6a2e11', 2, 'quote.claim', 'applied')`, /duplicate key/);
    await expectRefused(db, `insert into sync_mutation_outcomes (client_id, seq, name, status) values ('6f1c6a0e-8d9b-4c47-a3c4-0d1f3b6a2e11', 3, 'quote.claim', 'rejected')`, /sync_mutation_outcomes_rejected_code/);
  });

  it('logs branch moves on the shared version sequence', async () => {
    const db = database.db();
    await exec(db, `insert into sync_branch_moves (table_name, row_id, from_branch_id) values ('customers', 'c1', 'b1')`);
    const staffVersion = await sql<{ v: string }>`select max(version) as v from staff`.execute(db);
    const move = await sql<{ v: string }>`select version as v from sync_branch_moves`.execute(db);
    expect(Number(move.rows[0]?.v)).toBeGreaterThan(Number(staffVersion.rows[0]?.v));
  });
});
