export { DEFAULT_PGLITE_DIR, dbConfigFromEnv, openDatabase } from './open';
export type { DbConfig, DbHandle, DbKind } from './open';
export { migrate, MigrationMismatchError, schemaVersion, SchemaTooNewError } from './migrate';
export type { MigrateResult, Migration } from './migrate';
export { DbLockedError, LOCK_FILE_NAME } from './folder-lock';
export { PGliteDialect } from './pglite-dialect';
export type { Database, SchemaMigrationsTable, ServiceMetaTable } from './schema';
