import type { Kysely } from 'kysely';

/** Creates `service_meta`, a small key/value table for facts about this installation. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('service_meta')
    .addColumn('key', 'text', (col) => col.primaryKey())
    .addColumn('value', 'text', (col) => col.notNull())
    .execute();
}
