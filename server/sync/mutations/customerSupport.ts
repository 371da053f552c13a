import type { Transaction } from 'kysely';
import type { LoyaltyTier } from '../../../electron/shared/domain/loyalty';
import type { MigrationFacts } from '../../../electron/shared/domain/migration';
import { customerRefusalText } from '../../../electron/shared/sync/customerEffectsText';
import type { RejectionCode } from '../../../electron/shared/sync/mutations';
import { audit, type StaffPrincipal } from '../../auth';
import type { Database } from '../../db';
import { APPLIED, rejected, type MutationOutcome } from './types';

// What the two customer mutations share: the locked customer, and the audit record every one of
// their outcomes leaves (applied or refused), in the mutation's transaction so the record
// commits together with the stored outcome. Their words are the client's
// (electron/shared/sync/customerEffectsText.ts), so a refusal reads the same wherever decided.

export { customerRefusalText } from '../../../electron/shared/sync/customerEffectsText';

/** The customer mutations. */
export type CustomerMutation = 'customer.setTier' | 'customer.setMigration';

/** The facts of a customer the customer mutations decide on. */
export interface LockedCustomer extends MigrationFacts {
  id: string;
  customer_number: string;
  loyalty_tier: LoyaltyTier;
}

/**
 * Reads the customer and locks its row until the transaction ends, so two staff members acting
 * on one customer at once are decided one after the other, each on the other's result.
 */
export async function lockCustomer(trx: Transaction<Database>, customerId: string): Promise<LockedCustomer | undefined> {
  return trx
    .selectFrom('customers')
    .select(['id', 'customer_number', 'branch_id', 'consultant_id', 'loyalty_tier', 'migration_state', 'migration_deferred_until', 'old_shop_access'])
    .where('id', '=', customerId)
    .forUpdate()
    .executeTakeFirst();
}

/** One customer mutation's outcome as its handler sees it, before it is audited. */
export interface CustomerStep {
  trx: Transaction<Database>;
  principal: StaffPrincipal;
  name: CustomerMutation;
  customerId: string;
  /** When the staff member acted (the client's clock), kept as `detail.clientAt`. */
  clientAt: string;
  /** What the mutation asked for (ids, tiers, action, reason …), kept in `detail`. */
  asked: Record<string, unknown>;
}

/**
 * The applied outcome, audited `ok`. `result` says whether anything changed (`changed`) or the
 * customer already was where the mutation leads (`unchanged`: a retry, or a colleague did it).
 */
export async function appliedAudited(step: CustomerStep, result: 'changed' | 'unchanged', facts: Record<string, unknown> = {}): Promise<MutationOutcome> {
  await record(step, 'ok', { result, ...facts });
  return APPLIED;
}

/** A rejection with `code` and `message`, audited `refused` with `reason` and the facts behind it. */
export async function refusedAudited(
  step: CustomerStep,
  code: RejectionCode,
  message: string,
  reason: string,
  facts: Record<string, unknown> = {},
): Promise<MutationOutcome> {
  await record(step, 'refused', { reason, code, ...facts });
  return rejected(code, message);
}

/**
 * Loads and locks the customer, or gives the audited NOT_FOUND when it does not exist. The
 * permission is the caller's to check (the migration's depends on the action).
 */
export async function customerFor(step: CustomerStep): Promise<{ customer: LockedCustomer } | { refusal: MutationOutcome }> {
  const customer = await lockCustomer(step.trx, step.customerId);
  if (customer !== undefined) return { customer };
  return { refusal: await refusedAudited(step, 'NOT_FOUND', customerRefusalText.notFound(step.customerId), 'not_found') };
}

/** The audited FORBIDDEN, with the same facts as checkPermission (policy.ts) records. */
export async function forbiddenAudited(step: CustomerStep, customer: LockedCustomer, message: string): Promise<MutationOutcome> {
  const { principal } = step;
  return refusedAudited(step, 'FORBIDDEN', message, 'forbidden', {
    role: principal.role,
    staffBranchId: principal.branchId,
    objectBranchId: customer.branch_id,
    consultantId: customer.consultant_id,
  });
}

const LONE_SURROGATES = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

// The detail is jsonb: U+0000 and lone surrogates (possible in ids and refused reasons) would
// fail the insert and with it the stored outcome, so they are written as U+FFFD.
function storable(value: unknown): unknown {
  return typeof value === 'string' ? value.replaceAll('\u0000', '\uFFFD').replace(LONE_SURROGATES, '\uFFFD') : value;
}

async function record(step: CustomerStep, outcome: 'ok' | 'refused', detail: Record<string, unknown>): Promise<void> {
  const all = { ...step.asked, ...detail, clientAt: step.clientAt };
  await audit(step.trx, {
    actorKind: 'staff',
    actorId: step.principal.id,
    action: step.name,
    objectType: 'customer',
    objectId: step.customerId,
    outcome,
    detail: Object.fromEntries(Object.entries(all).map(([key, value]) => [key, storable(value)])),
  });
}
