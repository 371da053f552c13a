import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { indexedForeignKeys } from '../../../../server/migrations/0016_foreign_key_indexes';
import { BACKENDS } from '../backends';
import { useMigratedDatabase } from './support';

describe.each(BACKENDS)('migration 0016_foreign_key_indexes (%s)', (kind) => {
  const database = useMigratedDatabase(kind, 16);

  it('leaves no foreign key of a deletable parent without an index on its referencing column', async () => {
    // Every single-column foreign key whose column does not lead any index.
    const unindexed = await sql<{ table_name: string; column_name: string }>`
      select c.conrelid::regclass::text as table_name, a.attname as column_name
      from pg_constraint c
      join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
      where c.contype = 'f' and array_length(c.conkey, 1) = 1
        and not exists (select 1 from pg_index i where i.indrelid = c.conrelid and i.indkey[0] = c.conkey[1])
      order by 1, 2`.execute(database.db());
    // Branch, staff and product references stay unindexed on purpose: those parents are
    // deactivated, never deleted, so no delete ever has to find their children.
    const allowed = new Set(['branch_id', 'changed_by', 'decided_by', 'assignee_id', 'author_staff_id']);
    const missing = unindexed.rows.filter((row) => !allowed.has(row.column_name));
    expect(missing).toEqual([]);
    expect(indexedForeignKeys.length).toBeGreaterThan(10);
  });
});
