import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  canSeeBranch,
  mayPerform,
  roleMayPerform,
  staffActions,
  type PermissionSubject,
  type StaffAction,
} from '../../electron/shared/domain/permissions';
import type { StaffRole } from '../../electron/shared/protocol/auth';
import { mutationNames, type MutationName } from '../../electron/shared/sync/mutations';

const OWN = 'branch-oslo';
const FOREIGN = 'branch-bergen';

// Each staff member as the database holds them: customer service and admin have no branch.
const subjects: Record<StaffRole, PermissionSubject> = {
  consultant: { role: 'consultant', branchId: OWN },
  branch: { role: 'branch', branchId: OWN },
  customer_service: { role: 'customer_service', branchId: null },
  admin: { role: 'admin', branchId: null },
};

// The whole policy written out by hand (domain.md, issue 3 point 4), not derived from the code.
// Three cells per action: object in the staff member's own branch, in another branch, in none.
// Y = allowed, - = refused. For customer service and admin "own" is simply some branch.
const expectedActions: Record<StaffRole, Record<StaffAction, string>> = {
  consultant: {
    'quote.claim': 'Y--',
    'quote.release': 'Y--',
    'quote.comment': 'Y--',
    'quote.answer': 'Y--',
    'quote.decline': 'Y--',
    'quote.reassign': '---',
    'quote.markRead': 'Y--',
    'customer.setTier': 'Y--',
    'customer.setMigration': '---',
    'order.cancelLines': '---',
    'return.authorize': '---',
    'return.reject': '---',
    'contact.assign': '---',
    'contact.close': '---',
  },
  branch: {
    'quote.claim': '---',
    'quote.release': '---',
    'quote.comment': '---',
    'quote.answer': '---',
    'quote.decline': '---',
    'quote.reassign': '---',
    'quote.markRead': '---',
    'customer.setTier': '---',
    'customer.setMigration': 'Y--',
    'order.cancelLines': '---',
    'return.authorize': '---',
    'return.reject': '---',
    'contact.assign': '---',
    'contact.close': '---',
  },
  customer_service: {
    'quote.claim': '---',
    'quote.release': '---',
    'quote.comment': '---',
    'quote.answer': '---',
    'quote.decline': '---',
    'quote.reassign': '---',
    'quote.markRead': '---',
    'customer.setTier': '---',
    'customer.setMigration': '---',
    'order.cancelLines': 'YYY',
    'return.authorize': 'YYY',
    'return.reject': 'YYY',
    'contact.assign': 'YYY',
    'contact.close': 'YYY',
  },
  admin: {
    'quote.claim': 'YYY',
    'quote.release': 'YYY',
    'quote.comment': 'YYY',
    'quote.answer': 'YYY',
    'quote.decline': 'YYY',
    'quote.reassign': 'YYY',
    'quote.markRead': 'YYY',
    'customer.setTier': 'YYY',
    'customer.setMigration': 'YYY',
    'order.cancelLines': 'YYY',
    'return.authorize': 'YYY',
    'return.reject': 'YYY',
    'contact.assign': 'YYY',
    'contact.close': 'YYY',
  },
};

// Visibility of branch-scoped rows: own branch, another branch, no branch.
const expectedVisibility: Record<StaffRole, string> = {
  consultant: 'Y--',
  branch: 'Y--',
  customer_service: 'YYY',
  admin: 'YYY',
};

const roles = Object.keys(subjects) as StaffRole[];
const places = [
  ['own branch', OWN],
  ['foreign branch', FOREIGN],
  ['no branch', null],
] as const;

function cell(row: string, index: number): boolean {
  const mark = row[index];
  if (mark !== 'Y' && mark !== '-') throw new Error(`bad cell "${row}"[${index}]`);
  return mark === 'Y';
}

const actionCells = roles.flatMap((role) =>
  staffActions.flatMap((action) =>
    places.map(([place, branchId], index) => ({ role, action, place, branchId, allowed: cell(expectedActions[role][action], index) })),
  ),
);

describe('permission matrix', () => {
  it('covers every role and every action of the policy, and nothing else', () => {
    expect(Object.keys(expectedActions).sort()).toEqual([...roles].sort());
    for (const role of roles) expect(Object.keys(expectedActions[role]).sort()).toEqual([...staffActions].sort());
    expect(actionCells).toHaveLength(4 * 14 * 3);
  });

  it.each(actionCells)('$role: $action on an object in $place → $allowed', ({ role, action, branchId, allowed }) => {
    expect(mayPerform(subjects[role], action, branchId)).toBe(allowed);
  });

  it.each(roles.flatMap((role) => places.map(([place, branchId], index) => ({ role, place, branchId, visible: cell(expectedVisibility[role], index) }))))(
    '$role sees rows of $place → $visible',
    ({ role, branchId, visible }) => {
      expect(canSeeBranch(subjects[role], branchId)).toBe(visible);
    },
  );

  it.each(roles.flatMap((role) => staffActions.map((action) => ({ role, action }))))(
    'roleMayPerform($role, $action) is true exactly when some cell allows it',
    ({ role, action }) => {
      expect(roleMayPerform(role, action)).toBe(expectedActions[role][action].includes('Y'));
    },
  );

  it('gives a consultant or branch member without a branch (bad data) nothing branch-scoped', () => {
    for (const role of ['consultant', 'branch'] as const) {
      const orphan = { role, branchId: null };
      expect(canSeeBranch(orphan, null)).toBe(false);
      expect(canSeeBranch(orphan, OWN)).toBe(false);
      for (const action of staffActions) {
        expect(mayPerform(orphan, action, null)).toBe(false);
        expect(mayPerform(orphan, action, OWN)).toBe(false);
      }
    }
  });

  it('has a policy for every mutation the protocol carries', () => {
    expectTypeOf<MutationName>().toExtend<StaffAction>();
    for (const name of mutationNames) expect(staffActions).toContain(name);
  });
});
