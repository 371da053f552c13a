import type { ColumnType } from 'kysely';
import type { DomainTables } from './tables';

/** Row of `schema_migrations`: one per applied migration (see ./migrate). */
export interface SchemaMigrationsTable {
  version: number;
  name: string;
  applied_at: ColumnType<string, string | undefined, never>;
}

/** Row of `service_meta`: small key/value facts about this installation (migration 0001). */
export interface ServiceMetaTable {
  key: string;
  value: string;
}

/** The database as the service's queries see it; grows with each migration. */
export type Database = DomainTables & {
  schema_migrations: SchemaMigrationsTable;
  service_meta: ServiceMetaTable;
};
