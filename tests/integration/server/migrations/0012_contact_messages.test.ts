import { describe, it } from 'vitest';
import { BACKENDS } from '../backends';
import { baseRows, customerRows, exec, expectRefused, expectSynced, useMigratedDatabase } from './support';

describe.each(BACKENDS)('migration 0012_contact_messages (%s)', (kind) => {
  const database = useMigratedDatabase(kind, 12);

  it('files messages by category, with or without a known customer', async () => {
    const db = database.db();
    for (const row of [...baseRows, ...customerRows]) await exec(db, row);
    await exec(db, `insert into contact_messages (id, customer_id, branch_id, category, sender_name, sender_email, subject, body, received_at)
      values ('m1', 'c1', 'b1', 'cancellation', 'Ola', 'ola@lys.no', 'Kanseller linje 2', 'Ordre O-1', now())`);
    await exec(db, `insert into contact_messages (id, category, sender_name, sender_email, subject, body, received_at)
      values ('m2', 'data_deletion', 'Kari', 'kari@example.no', 'Slett meg', 'Vennligst slett dataene våre', now())`);
    await expectRefused(db, `insert into contact_messages (id, category, sender_name, sender_email, subject, body, received_at)
      values ('m3', 'spam', 'X', 'x@x.no', 'x', 'x', now())`, /check constraint/);
    await expectSynced(db, 'contact_messages', 'm1');
  });
});
