import { sql } from 'kysely';
import { decideSetTier } from '../../../electron/shared/domain/loyalty';
import { mayPerform } from './policy';
import { appliedAudited, customerFor, customerRefusalText as text, forbiddenAudited, refusedAudited, type CustomerStep } from './customerSupport';
import type { MutationHandler } from './types';

/**
 * `customer.setTier`: the consultant changes the customer's loyalty tier, from the tier they saw,
 * with a reason; the history entry gets the client-made `changeId`. Decided as the client's
 * optimistic effect decides it (customerSetTierEffect, electron/shared/sync/customerEffects.ts):
 * a tier that moved on meanwhile refuses the change (TIER_CHANGED_MEANWHILE), a customer that
 * already has the tier is applied without a change, the same entry again is a retry, the id of
 * another entry is HISTORY_ID_TAKEN. Every outcome is audited.
 */
export const customerSetTier: MutationHandler<'customer.setTier'> = {
  name: 'customer.setTier',
  async apply(trx, principal, args, at) {
    const step: CustomerStep = {
      trx,
      principal,
      name: 'customer.setTier',
      customerId: args.customerId,
      clientAt: at,
      asked: { changeId: args.changeId, fromTier: args.fromTier, toTier: args.toTier, statedReason: args.reason },
    };
    const found = await customerFor(step);
    if ('refusal' in found) return found.refusal;
    const { customer } = found;
    if (!mayPerform(principal, 'customer.setTier', customer.branch_id)) return forbiddenAudited(step, customer, text.tierForbidden(customer.customer_number));

    const existing = await trx
      .selectFrom('loyalty_tier_changes')
      .select(['customer_id', 'to_tier', 'reason', 'changed_by'])
      .where('id', '=', args.changeId)
      .executeTakeFirst();
    if (existing !== undefined) {
      const same = existing.customer_id === customer.id && existing.to_tier === args.toTier && existing.reason === args.reason && existing.changed_by === principal.id;
      if (same) return appliedAudited(step, 'unchanged', { why: 'retry' });
      return refusedAudited(step, 'HISTORY_ID_TAKEN', text.historyIdTaken(customer.customer_number, args.changeId), 'history_id_taken');
    }

    const decision = decideSetTier(customer.loyalty_tier, args.fromTier, args.toTier);
    switch (decision.outcome) {
      case 'already':
        return appliedAudited(step, 'unchanged', { why: 'already', current: customer.loyalty_tier });
      case 'changed_meanwhile':
        return refusedAudited(
          step,
          'TIER_CHANGED_MEANWHILE',
          text.tierChangedMeanwhile(customer.customer_number, args.fromTier, decision.current),
          'tier_changed_meanwhile',
          { current: decision.current },
        );
      case 'change': {
        // Insert-or-nothing: an entry with this id made meanwhile for another customer (whose
        // lock this one does not hold) must not fail the transaction on the primary key.
        const inserted = await trx
          .insertInto('loyalty_tier_changes')
          .values({
            id: args.changeId,
            customer_id: customer.id,
            branch_id: customer.branch_id,
            from_tier: customer.loyalty_tier,
            to_tier: args.toTier,
            reason: args.reason,
            changed_by: principal.id,
            changed_at: sql<string>`now()`,
          })
          .onConflict((oc) => oc.column('id').doNothing())
          .returning('id')
          .executeTakeFirst();
        if (inserted === undefined) {
          return refusedAudited(step, 'HISTORY_ID_TAKEN', text.historyIdTaken(customer.customer_number, args.changeId), 'history_id_taken');
        }
        await trx.updateTable('customers').set({ loyalty_tier: args.toTier }).where('id', '=', customer.id).execute();
        return appliedAudited(step, 'changed', { from: customer.loyalty_tier, to: args.toTier });
      }
    }
  },
};
