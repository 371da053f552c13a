import type { Kysely } from 'kysely';
import { mayPerform, type StaffAction } from '../../../electron/shared/domain/permissions';
import { audit, type StaffPrincipal } from '../../auth';
import type { Database } from '../../db';
import { rejected, type MutationOutcome } from './types';

// Who may do what is the shared policy (electron/shared/domain/permissions.ts; the client hides
// actions with the same function). This adapts it to the mutation framework: checked against
// the object as it is when the mutation is applied, and every refusal audited.

export { mayPerform } from '../../../electron/shared/domain/permissions';
export type { StaffAction } from '../../../electron/shared/domain/permissions';

/** The object a mutation acts on, for permission checks and the audit log. */
export interface MutationObject {
  type: string;
  id: string;
  branchId: string | null;
}

/**
 * Null when `principal` may perform `action` on `object` now; otherwise a FORBIDDEN rejection,
 * audited in `trx` so the record commits together with the stored outcome.
 */
export async function checkPermission(
  trx: Kysely<Database>,
  principal: StaffPrincipal,
  action: StaffAction,
  object: MutationObject,
  message: string,
): Promise<MutationOutcome | null> {
  if (mayPerform(principal, action, object.branchId)) return null;
  await audit(trx, {
    actorKind: 'staff',
    actorId: principal.id,
    action,
    objectType: object.type,
    objectId: object.id,
    outcome: 'refused',
    detail: { reason: 'forbidden', role: principal.role, staffBranchId: principal.branchId, objectBranchId: object.branchId },
  });
  return rejected('FORBIDDEN', message);
}
