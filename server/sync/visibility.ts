import { createHash } from 'node:crypto';
import { canSeeBranch, type PermissionSubject } from '../../electron/shared/domain/permissions';
import { syncTableNames, type SyncTableName } from '../../electron/shared/sync/rows';

// Which synced rows a staff member sees (issue 3 point 4, pull half). One rule, three uses: the
// SQL of a pull (scope), the fan-out of live pokes (canSeeChange), and the cursor, which records
// the scope it was made for so a changed role or branch forces a new snapshot.

/** Tables every staff member sees whole: they carry no branch of their own. */
export const GLOBAL_TABLES: ReadonlySet<SyncTableName> = new Set(['branches', 'staff', 'products']);

/** Synced tables whose rows belong to a branch (`branch_id`), in syncTableNames order. */
export const BRANCH_TABLES: readonly SyncTableName[] = syncTableNames.filter((table) => !GLOBAL_TABLES.has(table));

/**
 * What a staff member may see of the branch tables: everything (customer service, admin), one
 * branch's rows (consultant, branch staff), or none (a branch-bound role without a branch,
 * which the staff table forbids; kept so the type says what would happen).
 */
export type PullScope = { kind: 'all' } | { kind: 'branch'; branchId: string } | { kind: 'none' };

/** The scope of `subject`, by the shared policy's {@link canSeeBranch}. */
export function pullScope(subject: PermissionSubject): PullScope {
  // A row without a branch is only for those who see every branch: that is the test for "all".
  if (canSeeBranch(subject, null)) return { kind: 'all' };
  if (subject.branchId !== null && canSeeBranch(subject, subject.branchId)) return { kind: 'branch', branchId: subject.branchId };
  return { kind: 'none' };
}

/**
 * A short, stable tag of a scope for the cursor: `all`, `none`, or `b` and 12 hex digits of the
 * branch id's SHA-256 (the cursor must be opaque and fit in a header, and branch ids are not
 * secret, but need not be spelt out).
 */
export function scopeTag(scope: PullScope): string {
  if (scope.kind !== 'branch') return scope.kind;
  return `b${createHash('sha256').update(scope.branchId, 'utf8').digest('hex').slice(0, 12)}`;
}

/** What a change notification says was touched: some branches, or `*` (global table or no branch). */
export type ChangedBranches = '*' | readonly string[];

/** Whether a change touching `branches` may concern `subject`, so that they should be poked. */
export function canSeeChange(subject: PermissionSubject, branches: ChangedBranches): boolean {
  if (branches === '*') return true;
  return branches.some((branchId) => canSeeBranch(subject, branchId));
}
