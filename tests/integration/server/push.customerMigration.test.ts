import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { addDays, osloDate } from '../../../electron/shared/domain/calendar';
import { decideMigration, migrationActions, type MigrationAction, type MigrationState } from '../../../electron/shared/domain/migration';
import { migrationRequestOf } from '../../../electron/shared/sync/customerEffects';
import { customerRefusalText as text } from '../../../electron/shared/sync/customerEffectsText';
import type { MutationArgs } from '../../../electron/shared/sync/mutations';
import { migrationStateSchema } from '../../../electron/shared/sync/rows';
import type { AuthInstance } from './authFixture';
import { BACKENDS } from './backends';
import { createCustomer, customerAudit, customerPusher, customerRow, customerState, expectAudit, migrationEvents } from './pushCustomerFixture';
import { PUSH_STAFF, usePushWorld, type PushStaffKey } from './pushFixture';

// customer.setMigration over real HTTP push on both engines: every action from every state,
// decided as the shared state machine decides it (and as spelled out below), and the deferral's
// bounds counted from the right day.

const STATES = migrationStateSchema.options;
const REASON = 'Kunden er midt i årsoppgjøret; ønsker å flytte etter ferien.';

type Expected = MigrationState | 'already' | 'conflict';

// Every cell spelled out, so a change in the shared rules shows here too: the state an action
// leads to, `already` (applied, nothing changes) or `conflict` (MIGRATION_STATE_CONFLICT).
const conflictAll = Object.fromEntries(STATES.map((state) => [state, 'conflict'])) as Record<MigrationState, Expected>;
const EXPECTED: Record<MigrationAction, Record<MigrationState, Expected>> = {
  switchOn: { ...conflictAll, not_started: 'switched_on', switched_on: 'already', deferred: 'switched_on', interest_registered: 'switched_on' },
  switchOff: { ...conflictAll, not_started: 'already', switched_on: 'not_started' },
  resendInvitation: { ...conflictAll, switched_on: 'switched_on' },
  resendActivation: { ...conflictAll, form_submitted: 'form_submitted' },
  defer: { ...conflictAll, not_started: 'deferred', switched_on: 'deferred', deferred: 'deferred', interest_registered: 'deferred' },
  registerInterest: { ...conflictAll, not_started: 'interest_registered', deferred: 'interest_registered', interest_registered: 'already' },
  reactivateOldShop: { ...conflictAll, activated: 'old_shop_reactivated', old_shop_reactivated: 'already' },
};

const EVENT: Record<MigrationAction, string> = {
  switchOn: 'switch_on',
  switchOff: 'switch_off',
  resendInvitation: 'invitation_resent',
  resendActivation: 'activation_resent',
  defer: 'deferred',
  registerInterest: 'interest_registered',
  reactivateOldShop: 'old_shop_reactivated',
};

const CELLS = migrationActions.flatMap((action) => STATES.map((state) => ({ action, state, expected: EXPECTED[action][state] })));

function argsOf(action: MigrationAction, customerId: string, eventId: string, until: string): MutationArgs<'customer.setMigration'> {
  switch (action) {
    case 'defer':
      return { customerId, eventId, action, until, reason: REASON };
    case 'registerInterest':
    case 'reactivateOldShop':
      return { customerId, eventId, action, reason: REASON };
    default:
      return { customerId, eventId, action };
  }
}

describe.each(BACKENDS)('POST /v1/sync/push: customer.setMigration transitions (%s)', (kind) => {
  let instance: AuthInstance;
  let tokens: Record<PushStaffKey, string>;
  usePushWorld(kind, (world) => ({ instance, tokens } = world));
  const act = customerPusher(
    () => instance,
    () => tokens,
  );

  it('covers every action from every state', () => {
    expect(CELLS).toHaveLength(7 * 7);
  });

  it.each(CELLS)('$action from $state: $expected', async ({ action, state, expected }) => {
    const today = osloDate(new Date());
    const deferredUntil = state === 'deferred' ? addDays(today, 20) : null;
    const customer = await createCustomer(instance.db, { state, deferredUntil });
    const before = await customerRow(instance.db, customer.id);
    const eventId = randomUUID();
    const until = addDays(today, 21);
    const args = argsOf(action, customer.id, eventId, until);
    // The shared rules on the row as it was: what the client decided offline.
    const decision = decideMigration(before, migrationRequestOf(args), today);
    expect(decision.outcome).toBe(expected === 'already' ? 'already' : expected === 'conflict' ? 'wrong_state' : 'change');

    const result = await act('branch', 'customer.setMigration', args);
    const row = await customerRow(instance.db, customer.id);
    const events = await migrationEvents(instance.db, customer.id);
    const audits = await customerAudit(instance.db, customer.id);
    expect(audits).toHaveLength(1);
    if (expected === 'conflict') {
      expect(result).toMatchObject({ status: 'rejected', code: 'MIGRATION_STATE_CONFLICT', message: text.migrationWrongState(customer.number, action, state) });
      expect(row).toEqual(before);
      expect(events).toEqual([]);
      expectAudit(audits[0], 'branch', 'customer.setMigration', 'refused', { reason: 'wrong_state', code: 'MIGRATION_STATE_CONFLICT', state, action, eventId });
      return;
    }
    expect(result).toMatchObject({ status: 'applied' });
    if (expected === 'already') {
      expect(row).toEqual(before);
      expect(events).toEqual([]);
      expectAudit(audits[0], 'branch', 'customer.setMigration', 'ok', { result: 'unchanged', why: 'already', action });
      return;
    }
    if (decision.outcome !== 'change') throw new Error('the shared rules disagree with the table');
    expect(row).toMatchObject({
      migration_state: expected,
      migration_deferred_until: decision.change.deferredUntil,
      old_shop_access: decision.change.oldShopAccess,
      loyalty_tier: before.loyalty_tier,
    });
    // Spelled out as well: a deferral keeps its date, a resend keeps the state, re-activation opens the old shop.
    if (action === 'defer') expect(row.migration_deferred_until).toBe(until);
    else if (expected !== 'deferred' && action !== 'resendInvitation' && action !== 'resendActivation') expect(row.migration_deferred_until).toBeNull();
    expect(row.old_shop_access).toBe(action === 'reactivateOldShop' ? true : before.old_shop_access);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      id: eventId,
      action: EVENT[action],
      from_state: state,
      to_state: expected,
      reason: 'reason' in args ? REASON : null,
      actor_kind: 'staff',
      actor_id: PUSH_STAFF.branch.id,
      branch_id: before.branch_id,
    });
    expectAudit(audits[0], 'branch', 'customer.setMigration', 'ok', { result: 'changed', event: EVENT[action], from: state, to: expected, eventId, action });
  });

  it('refuses the activation e-mail before the form is submitted, saying why', async () => {
    const customer = await createCustomer(instance.db, { state: 'switched_on' });
    const result = await act('branch', 'customer.setMigration', { customerId: customer.id, eventId: randomUUID(), action: 'resendActivation' });
    expect(result).toMatchObject({
      status: 'rejected',
      code: 'MIGRATION_STATE_CONFLICT',
      message:
        `Kan ikke sende aktiverings-e-posten på nytt for kunde ${customer.number}: kunden er invitert (flytteknapp på). ` +
        'Aktiverings-e-post sendes først når kunden har sendt flytteskjemaet.',
    });
    expect((await customerRow(instance.db, customer.id)).migration_state).toBe('switched_on');
  });

  describe('deferral bounds (2–4 weeks from the day asked)', () => {
    async function defer(days: number, at?: Date, state: MigrationState = 'not_started') {
      const today = osloDate(new Date());
      const customer = await createCustomer(instance.db, { state });
      const until = addDays(today, days);
      const before = await customerState(instance.db, customer.id);
      const eventId = randomUUID();
      const result = await act('branch', 'customer.setMigration', { customerId: customer.id, eventId, action: 'defer', until, reason: REASON }, at?.toISOString());
      return { customer, today, until, before, eventId, result, after: await customerState(instance.db, customer.id) };
    }

    it.each([14, 28])('takes a deferral of %i days', async (days) => {
      const { result, after, until, eventId } = await defer(days);
      expect(result).toMatchObject({ status: 'applied' });
      expect(after.row).toMatchObject({ migration_state: 'deferred', migration_deferred_until: until });
      expect(after.events).toMatchObject([{ id: eventId, action: 'deferred', from_state: 'not_started', to_state: 'deferred', reason: REASON }]);
    });

    it.each([13, 29, -1])('refuses a deferral of %i days, naming the allowed dates', async (days) => {
      const { result, before, after, customer, until, today } = await defer(days);
      expect(result).toMatchObject({
        status: 'rejected',
        code: 'MIGRATION_DEFERRAL_INVALID',
        message: text.deferralInvalid(customer.number, until, addDays(today, 14), addDays(today, 28)),
      });
      expect({ ...after, audits: 0 }).toEqual({ ...before, audits: 0 });
      const audits = await customerAudit(instance.db, customer.id);
      expectAudit(audits[0], 'branch', 'customer.setMigration', 'refused', {
        reason: 'deferral_invalid',
        code: 'MIGRATION_DEFERRAL_INVALID',
        statedReason: REASON,
        until,
        today,
        min: addDays(today, 14),
        max: addDays(today, 28),
      });
    });

    it('writes the refusal in Norwegian with Norwegian dates', async () => {
      const { result, customer, until, today } = await defer(29);
      const nb = (date: string): string => date.split('-').reverse().join('.');
      expect(result.message).toBe(
        `Flyttingen til kunde ${customer.number} kan ikke utsettes til ${nb(until)}: en utsettelse er på 2–4 uker, ` +
          `det vil si til en dato fra ${nb(addDays(today, 14))} til ${nb(addDays(today, 28))}.`,
      );
    });

    it('counts from the server’s today when the client clock runs ahead', async () => {
      // Ten days ahead, 35 days from the server's today is 25 from the client's: still refused.
      const { result, customer, until, today, after } = await defer(35, new Date(Date.now() + 10 * 86_400_000));
      expect(result).toMatchObject({ code: 'MIGRATION_DEFERRAL_INVALID', message: text.deferralInvalid(customer.number, until, addDays(today, 14), addDays(today, 28)) });
      expect(after.row.migration_state).toBe('not_started');
    });

    it('counts from the day the staff member acted when that was earlier (queued offline)', async () => {
      // Asked five days ago for ten days from now: 15 days from the day asked.
      const { result, after, until } = await defer(10, new Date(Date.now() - 5 * 86_400_000));
      expect(result).toMatchObject({ status: 'applied' });
      expect(after.row).toMatchObject({ migration_state: 'deferred', migration_deferred_until: until });
    });

    it('refuses a deferral pushed after its own date, changing nothing but the audit log', async () => {
      // Asked 20 days ago for 14 days from then: its date passed six days ago.
      const { result, before, after, customer, until } = await defer(-6, new Date(Date.now() - 20 * 86_400_000));
      expect(result).toMatchObject({ status: 'rejected', code: 'MIGRATION_DEFERRAL_INVALID', message: text.deferralPassed(customer.number, until) });
      // Nothing changed but the audit log, which records the refusal.
      expect(after).toEqual({ ...before, audits: before.audits + 1 });
    });

    it('applies the same deferral date again without an entry; another date moves it', async () => {
      const { customer, until } = await defer(20);
      const again = await act('branch', 'customer.setMigration', { customerId: customer.id, eventId: randomUUID(), action: 'defer', until, reason: 'Samme dato.' });
      expect(again).toMatchObject({ status: 'applied' });
      expect(await migrationEvents(instance.db, customer.id)).toHaveLength(1);
      const later = addDays(osloDate(new Date()), 27);
      expect(await act('branch', 'customer.setMigration', { customerId: customer.id, eventId: randomUUID(), action: 'defer', until: later, reason: REASON })).toMatchObject({ status: 'applied' });
      expect(await customerRow(instance.db, customer.id)).toMatchObject({ migration_state: 'deferred', migration_deferred_until: later });
      expect((await migrationEvents(instance.db, customer.id)).map((event) => [event.from_state, event.to_state])).toEqual([
        ['not_started', 'deferred'],
        ['deferred', 'deferred'],
      ]);
    });
  });
});
