import type { StaffRole } from '../protocol/auth';

/**
 * Who may see and do what (domain.md "Who uses the client", issue 3 point 4). Pure, so the
 * client hides what the server would refuse and the server enforces exactly the same rules.
 */

/** Every staff action the policy knows, `<entity>.<verb>` like the mutations that carry them. */
export const staffActions = [
  'quote.claim',
  'quote.release',
  'quote.comment',
  'quote.answer',
  'quote.decline',
  'quote.reassign',
  'quote.markRead',
  'customer.setTier',
  'customer.setMigration',
  'order.cancelLines',
  'return.authorize',
  'return.reject',
  'contact.assign',
  'contact.close',
] as const;

/** A staff action. */
export type StaffAction = (typeof staffActions)[number];

/** The staff actions on quotes. */
export type QuoteAction = Extract<StaffAction, `quote.${string}`>;

/** The facts about a staff member the policy looks at. */
export interface PermissionSubject {
  role: StaffRole;
  /** Own branch; null for customer service and admin. */
  branchId: string | null;
}

/** Whether a role's rights hold in its own branch only, or in every branch (and for rows without one). */
type Reach = 'ownBranch' | 'everyBranch';

const ROLE_REACH: Readonly<Record<StaffRole, Reach>> = {
  consultant: 'ownBranch',
  branch: 'ownBranch',
  customer_service: 'everyBranch',
  admin: 'everyBranch',
};

const ROLE_ACTIONS: Readonly<Record<Exclude<StaffRole, 'admin'>, readonly StaffAction[]>> = {
  // Marking a quote's customer comments read goes with commenting: whoever may answer the thread.
  consultant: ['quote.claim', 'quote.release', 'quote.comment', 'quote.markRead', 'quote.answer', 'quote.decline', 'customer.setTier'],
  branch: ['customer.setMigration'],
  customer_service: ['order.cancelLines', 'return.authorize', 'return.reject', 'contact.assign', 'contact.close'],
};

/**
 * Whether `subject` may see a row of branch `branchId`. Rows without a branch (e.g. a contact
 * message from an unknown sender) are for customer service and admin only.
 */
export function canSeeBranch(subject: PermissionSubject, branchId: string | null): boolean {
  if (ROLE_REACH[subject.role] === 'everyBranch') return true;
  return branchId !== null && subject.branchId !== null && branchId === subject.branchId;
}

/** Whether `subject` may perform `action` on an object of branch `objectBranchId`. */
export function mayPerform(subject: PermissionSubject, action: StaffAction, objectBranchId: string | null): boolean {
  if (!roleMayPerform(subject.role, action)) return false;
  return canSeeBranch(subject, objectBranchId);
}

/** Whether `role` may perform `action` at all, on some object (for showing or hiding an action). */
export function roleMayPerform(role: StaffRole, action: StaffAction): boolean {
  return role === 'admin' || ROLE_ACTIONS[role].includes(action);
}
