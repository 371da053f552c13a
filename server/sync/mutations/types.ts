import type { Transaction } from 'kysely';
import type { MutationArgs, MutationName, RejectionCode } from '../../../electron/shared/sync/mutations';
import type { StaffPrincipal } from '../../auth/requireStaff';
import type { Database } from '../../db';

/** What applying one mutation came to; stored as the mutation's outcome and answered on replay. */
export type MutationOutcome = { status: 'applied' } | { status: 'rejected'; code: RejectionCode; message: string };

/**
 * One mutation's server side. `apply` runs inside the transaction that also stores the outcome
 * and advances the client's seq, so its writes happen exactly once. It decides before it
 * writes: a rejection must leave nothing behind but its audit row.
 */
export interface MutationHandler<N extends MutationName> {
  name: N;
  /** Applies validated `args` as `principal`; `at` is when the staff member acted (client clock). */
  apply(trx: Transaction<Database>, principal: StaffPrincipal, args: MutationArgs<N>, at: string): Promise<MutationOutcome>;
}

/** A handler for every mutation name: a missing or misnamed one is a compile error. */
export type MutationHandlers = { [N in MutationName]: MutationHandler<N> };

/** The applied outcome. */
export const APPLIED = { status: 'applied' } as const satisfies MutationOutcome;

/** A rejected outcome with `code` and a message the staff member can act on. */
export function rejected(code: RejectionCode, message: string): MutationOutcome {
  return { status: 'rejected', code, message };
}
