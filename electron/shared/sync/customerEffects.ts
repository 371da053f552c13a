import { decideSetTier } from '../domain/loyalty';
import { decideMigration, isSameMigrationEntry, mayActOnMigration, type MigrationRequest } from '../domain/migration';
import { mayPerform } from '../domain/permissions';
import { osloDate } from '../domain/calendar';
import { customerRefusalText as text } from './customerEffectsText';
import type { EffectObject, LocalEffect, LocalEffectResult } from './localEffects';
import type { MutationArgs, RejectionCode } from './mutations';

// The local effects of the customer mutations (see localEffects.ts for what an effect is).
// The same shared rules as the server's handlers (server/sync/mutations/customerSetTier.ts and
// customerSetMigration.ts); the history entry gets the client-made id, so it shows at once and
// the server's copy replaces it on the next pull.

const customerObject = (args: { customerId: string }): EffectObject => ({ table: 'customers', id: args.customerId });

function refused(code: RejectionCode, message: string, object: EffectObject): LocalEffectResult {
  return { status: 'refused', code, message, object };
}

/** The migration request of `customer.setMigration`'s args (what the shared rules decide on). */
export function migrationRequestOf(args: MutationArgs<'customer.setMigration'>): MigrationRequest {
  switch (args.action) {
    case 'defer':
      return { action: 'defer', until: args.until, reason: args.reason };
    case 'registerInterest':
    case 'reactivateOldShop':
      return { action: args.action, reason: args.reason };
    default:
      return { action: args.action };
  }
}

/** `customer.setTier`, as the server's `customerSetTier`. */
export const customerSetTierEffect: LocalEffect<'customer.setTier'> = {
  object: customerObject,
  apply(rows, args, actor, at) {
    const object = customerObject(args);
    const customer = rows.get('customers', args.customerId);
    if (customer === undefined) return refused('NOT_FOUND', text.notFound(args.customerId), object);
    if (!mayPerform(actor, 'customer.setTier', customer.branch_id)) return refused('FORBIDDEN', text.tierForbidden(customer.customer_number), object);
    const existing = rows.get('loyalty_tier_changes', args.changeId);
    if (existing !== undefined) {
      const same = existing.customer_id === customer.id && existing.to_tier === args.toTier && existing.reason === args.reason && existing.changed_by === actor.id;
      if (same) return { status: 'applied', tables: [], object };
      return refused('HISTORY_ID_TAKEN', text.historyIdTaken(customer.customer_number, args.changeId), object);
    }
    const decision = decideSetTier(customer.loyalty_tier, args.fromTier, args.toTier);
    switch (decision.outcome) {
      case 'already':
        return { status: 'applied', tables: [], object };
      case 'changed_meanwhile':
        return refused('TIER_CHANGED_MEANWHILE', text.tierChangedMeanwhile(customer.customer_number, args.fromTier, decision.current), object);
      case 'change':
        rows.put('customers', { ...customer, loyalty_tier: args.toTier });
        rows.put('loyalty_tier_changes', {
          id: args.changeId,
          customer_id: customer.id,
          branch_id: customer.branch_id,
          from_tier: customer.loyalty_tier,
          to_tier: args.toTier,
          reason: args.reason,
          changed_by: actor.id,
          changed_at: at,
        });
        return { status: 'applied', tables: ['customers', 'loyalty_tier_changes'], object };
    }
  },
};

/** `customer.setMigration`, as the server's `customerSetMigration`. */
export const customerSetMigrationEffect: LocalEffect<'customer.setMigration'> = {
  object: customerObject,
  apply(rows, args, actor, at) {
    const object = customerObject(args);
    const customer = rows.get('customers', args.customerId);
    if (customer === undefined) return refused('NOT_FOUND', text.notFound(args.customerId), object);
    if (!mayActOnMigration(actor, args.action, customer)) return refused('FORBIDDEN', text.migrationForbidden(customer.customer_number, args.action), object);
    const existing = rows.get('migration_events', args.eventId);
    if (existing !== undefined) {
      const same = isSameMigrationEntry(existing, { customerId: customer.id, actorId: actor.id, action: args.action, reason: 'reason' in args ? args.reason : null });
      if (same) return { status: 'applied', tables: [], object };
      return refused('HISTORY_ID_TAKEN', text.historyIdTaken(customer.customer_number, args.eventId), object);
    }
    const request = migrationRequestOf(args);
    const decision = decideMigration(customer, request, osloDate(new Date(at)));
    switch (decision.outcome) {
      case 'already':
        return { status: 'applied', tables: [], object };
      case 'wrong_state':
        return refused('MIGRATION_STATE_CONFLICT', text.migrationWrongState(customer.customer_number, args.action, decision.state), object);
      case 'deferral_invalid':
        return refused('MIGRATION_DEFERRAL_INVALID', text.deferralInvalid(customer.customer_number, request.action === 'defer' ? request.until : '', decision.min, decision.max), object);
      case 'deferral_passed':
        return refused('MIGRATION_DEFERRAL_INVALID', text.deferralPassed(customer.customer_number, decision.until), object);
      case 'change': {
        const { change } = decision;
        rows.put('customers', { ...customer, migration_state: change.to, migration_deferred_until: change.deferredUntil, old_shop_access: change.oldShopAccess });
        rows.put('migration_events', {
          id: args.eventId,
          customer_id: customer.id,
          branch_id: customer.branch_id,
          action: change.event,
          from_state: customer.migration_state,
          to_state: change.to,
          reason: 'reason' in args ? args.reason : null,
          actor_kind: 'staff',
          actor_id: actor.id,
          at,
        });
        return { status: 'applied', tables: ['customers', 'migration_events'], object };
      }
    }
  },
};
