import { sql, type Transaction } from 'kysely';
import { osloDate } from '../../../electron/shared/domain/calendar';
import { decideMigration, isSameMigrationEntry, mayActOnMigration } from '../../../electron/shared/domain/migration';
import { migrationRequestOf } from '../../../electron/shared/sync/customerEffects';
import type { Database } from '../../db';
import { appliedAudited, customerFor, customerRefusalText as text, forbiddenAudited, refusedAudited, type CustomerStep } from './customerSupport';
import type { MutationHandler } from './types';

/**
 * `customer.setMigration`: a staff action on the customer's move to the new webshop (switch on
 * and off, resend the invitation or the activation e-mail, defer, register interest, re-activate
 * old-shop access), decided by the shared state machine (electron/shared/domain/migration.ts)
 * exactly as the client's optimistic effect decides it (customerSetMigrationEffect). The history
 * entry gets the client-made `eventId`; every outcome is audited.
 */
export const customerSetMigration: MutationHandler<'customer.setMigration'> = {
  name: 'customer.setMigration',
  async apply(trx, principal, args, at) {
    const reason = 'reason' in args ? args.reason : null;
    const step: CustomerStep = {
      trx,
      principal,
      name: 'customer.setMigration',
      customerId: args.customerId,
      clientAt: at,
      asked: { eventId: args.eventId, action: args.action, ...('until' in args && { until: args.until }), statedReason: reason },
    };
    const found = await customerFor(step);
    if ('refusal' in found) return found.refusal;
    const { customer } = found;
    if (!mayActOnMigration(principal, args.action, customer)) {
      return forbiddenAudited(step, customer, text.migrationForbidden(customer.customer_number, args.action));
    }

    const existing = await trx.selectFrom('migration_events').select(['customer_id', 'actor_id', 'action', 'reason']).where('id', '=', args.eventId).executeTakeFirst();
    if (existing !== undefined) {
      // The client's rule too (customerSetMigrationEffect): the same customer, actor, action and reason.
      const same = isSameMigrationEntry(existing, { customerId: customer.id, actorId: principal.id, action: args.action, reason });
      if (same) return appliedAudited(step, 'unchanged', { why: 'retry' });
      return refusedAudited(step, 'HISTORY_ID_TAKEN', text.historyIdTaken(customer.customer_number, args.eventId), 'history_id_taken');
    }

    const request = migrationRequestOf(args);
    // Counted from the day the staff member acted, but never from a day after the server's
    // today: a client clock running ahead must not stretch a deferral.
    const nowMs = Date.parse(await serverNow(trx));
    const today = osloDate(new Date(Math.min(Date.parse(at), nowMs)));
    // …and refused when its date has come by the time it is applied (pushed late from offline).
    const decision = decideMigration(customer, request, today, osloDate(new Date(nowMs)));
    const state = { state: customer.migration_state };
    switch (decision.outcome) {
      case 'already':
        return appliedAudited(step, 'unchanged', { why: 'already', ...state });
      case 'wrong_state':
        return refusedAudited(step, 'MIGRATION_STATE_CONFLICT', text.migrationWrongState(customer.customer_number, args.action, decision.state), 'wrong_state', state);
      case 'deferral_invalid':
        return refusedAudited(
          step,
          'MIGRATION_DEFERRAL_INVALID',
          text.deferralInvalid(customer.customer_number, request.action === 'defer' ? request.until : '', decision.min, decision.max),
          'deferral_invalid',
          { ...state, today, min: decision.min, max: decision.max },
        );
      case 'deferral_passed':
        return refusedAudited(step, 'MIGRATION_DEFERRAL_INVALID', text.deferralPassed(customer.customer_number, decision.until), 'deferral_passed', state);
      case 'change': {
        const { change } = decision;
        // Insert-or-nothing, as in customerSetTier: an id taken meanwhile by another customer's
        // entry is a refusal, not a failed transaction.
        const inserted = await trx
          .insertInto('migration_events')
          .values({
            id: args.eventId,
            customer_id: customer.id,
            branch_id: customer.branch_id,
            action: change.event,
            from_state: customer.migration_state,
            to_state: change.to,
            reason,
            actor_kind: 'staff',
            actor_id: principal.id,
            at: sql<string>`now()`,
          })
          .onConflict((oc) => oc.column('id').doNothing())
          .returning('id')
          .executeTakeFirst();
        if (inserted === undefined) {
          return refusedAudited(step, 'HISTORY_ID_TAKEN', text.historyIdTaken(customer.customer_number, args.eventId), 'history_id_taken');
        }
        await trx
          .updateTable('customers')
          .set({ migration_state: change.to, migration_deferred_until: change.deferredUntil, old_shop_access: change.oldShopAccess })
          .where('id', '=', customer.id)
          .execute();
        return appliedAudited(step, 'changed', {
          event: change.event,
          from: customer.migration_state,
          to: change.to,
          deferredUntil: change.deferredUntil,
          oldShopAccess: change.oldShopAccess,
        });
      }
    }
  },
};

// The database's clock, the one the history rows are stamped with (the transaction's start).
async function serverNow(trx: Transaction<Database>): Promise<string> {
  const result = await sql<{ now: string }>`select now() as now`.execute(trx);
  const now = result.rows[0]?.now;
  if (now === undefined) throw new Error('select now() returned nothing');
  return now;
}
