import type BetterSqlite3 from 'better-sqlite3';
import { assigneeProblem } from '../../shared/domain/quotes';
import type { StaffRole } from '../../shared/protocol/auth';

// Who a quote of a branch can be handed to (the admin's reassign menu): the branch's active
// consultants, and admins. The SQL narrows by index; the shared rule the server applies to
// quote.reassign has the last word, so the menu never offers someone the server would refuse.

/** The statement; exported so a test can check its plan. */
export const quoteAssigneesSql = `SELECT id, name, role, branch_id, active FROM staff
  WHERE active = 1 AND ((role = 'consultant' AND branch_id = ?) OR role = 'admin')` as const;

// Norwegian order (Æ, Ø, Å after Z), which SQLite's byte order does not give.
const byName = new Intl.Collator('nb', { sensitivity: 'base' });

interface StaffRow {
  id: string;
  name: string;
  role: StaffRole;
  branch_id: string | null;
  active: number;
}

/** The staff who can take quotes of `branchId`, by name. */
export function readQuoteAssignees(sqlite: BetterSqlite3.Database, branchId: string): Array<{ id: string; name: string }> {
  const staff = sqlite.prepare(quoteAssigneesSql).all(branchId) as StaffRow[];
  return staff
    .filter((row) => assigneeProblem({ id: row.id, role: row.role, branch_id: row.branch_id, active: row.active === 1 }, branchId) === null)
    .sort((a, b) => byName.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((row) => ({ id: row.id, name: row.name }));
}
