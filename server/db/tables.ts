import type { ColumnType } from 'kysely';
import type { StaffRole } from '../../electron/shared/protocol/auth';
import type { SyncRow, SyncTableName } from '../../electron/shared/sync/rows';

/** Written by the database's trigger, never by queries; int8 arrives as text. */
type Version = ColumnType<string, never, never>;

/**
 * A synced table as queries see it: the wire row plus its version. Timestamps are read as ISO
 * strings (see ./open), so the row a query returns is the row the wire carries.
 */
export type SyncedTable<T extends SyncTableName> = SyncRow<T> & { version: Version };

/** `staff` has columns that never cross the wire. */
export interface StaffTable extends SyncedTable<'staff'> {
  username: string;
  password_hash: string;
  role: StaffRole;
  created_at: ColumnType<string, string | undefined, never>;
}

/** Staff logins (see migration 0004). */
export interface AuthSessionsTable {
  id: string;
  staff_id: string;
  created_at: ColumnType<string, string | undefined, never>;
  revoked_at: string | null;
  revoked_reason: string | null;
}

/** Rotating refresh tokens, stored hashed. */
export interface AuthRefreshTokensTable {
  token_hash: string;
  session_id: string;
  issued_at: ColumnType<string, string | undefined, never>;
  expires_at: string;
  used_at: string | null;
}

/** Failed logins, for rate limiting. */
export interface AuthLoginFailuresTable {
  id: ColumnType<string, never, never>;
  username: string;
  ip: string;
  failed_at: ColumnType<string, string | undefined, never>;
}

/** The audit log. */
export interface AuditLogTable {
  id: ColumnType<string, never, never>;
  at: ColumnType<string, string | undefined, never>;
  actor_kind: 'staff' | 'shop' | 'warehouse' | 'system' | 'anonymous';
  actor_id: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  outcome: 'ok' | 'refused' | 'failed';
  detail: ColumnType<Record<string, unknown>, string | undefined, string>;
}

/** Deleted synced rows. */
export interface SyncTombstonesTable {
  version: ColumnType<string, never, never>;
  table_name: string;
  row_id: string;
  branch_id: string | null;
  deleted_at: ColumnType<string, string | undefined, never>;
}

/** Rows that left a branch (a customer moved), so the old branch's staff get `del`. */
export interface SyncBranchMovesTable {
  version: ColumnType<string, never, never>;
  table_name: string;
  row_id: string;
  from_branch_id: string;
  moved_at: ColumnType<string, string | undefined, never>;
}

/** One row per client installation and user. */
export interface SyncClientsTable {
  client_id: string;
  staff_id: string;
  last_seq: ColumnType<string, string | number | undefined, string | number>;
  created_at: ColumnType<string, string | undefined, never>;
  last_seen_at: ColumnType<string, string | undefined, string>;
}

/** The stored outcome of each pushed mutation. */
export interface SyncMutationOutcomesTable {
  client_id: string;
  seq: ColumnType<string, string | number, never>;
  name: string;
  status: 'applied' | 'rejected';
  code: string | null;
  message: string | null;
  applied_at: ColumnType<string, string | undefined, never>;
}

/** The domain tables, migrations 0002-0014. */
export type DomainTables = { [T in Exclude<SyncTableName, 'staff'>]: SyncedTable<T> } & {
  staff: StaffTable;
  auth_sessions: AuthSessionsTable;
  auth_refresh_tokens: AuthRefreshTokensTable;
  auth_login_failures: AuthLoginFailuresTable;
  audit_log: AuditLogTable;
  sync_tombstones: SyncTombstonesTable;
  sync_branch_moves: SyncBranchMovesTable;
  sync_clients: SyncClientsTable;
  sync_mutation_outcomes: SyncMutationOutcomesTable;
};
