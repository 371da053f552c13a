import { describe, expect, it } from 'vitest';
import {
  actionsFrom,
  decideMigration,
  mayActOnMigration,
  migrationActions,
  type MigrationAction,
  type MigrationFacts,
  type MigrationRequest,
  type MigrationState,
} from '../../../electron/shared/domain/migration';
import { migrationStateSchema } from '../../../electron/shared/sync/rows';
import { mutationArgs } from '../../../electron/shared/sync/mutations';

const TODAY = '2026-11-21';
const STATES = migrationStateSchema.options;

function facts(state: MigrationState, changes: Partial<MigrationFacts> = {}): MigrationFacts {
  return { migration_state: state, migration_deferred_until: null, old_shop_access: state !== 'activated', branch_id: 'b-oslo', consultant_id: 'st-cons', ...changes };
}

const REQUESTS: Record<MigrationAction, MigrationRequest> = {
  switchOn: { action: 'switchOn' },
  switchOff: { action: 'switchOff' },
  resendInvitation: { action: 'resendInvitation' },
  resendActivation: { action: 'resendActivation' },
  defer: { action: 'defer', until: '2026-12-05', reason: 'Kunden ber om utsettelse' },
  registerInterest: { action: 'registerInterest', reason: 'Ringte avdelingen' },
  reactivateOldShop: { action: 'reactivateOldShop', reason: 'Avtalt med selger' },
};

// The whole machine, written out as a table: state → action → where it leads ('=' no-op, '×' refused).
const EXPECTED: Record<MigrationState, Record<MigrationAction, MigrationState | '=' | '×'>> = {
  not_started: { switchOn: 'switched_on', switchOff: '=', resendInvitation: '×', resendActivation: '×', defer: 'deferred', registerInterest: 'interest_registered', reactivateOldShop: '×' },
  switched_on: { switchOn: '=', switchOff: 'not_started', resendInvitation: 'switched_on', resendActivation: '×', defer: 'deferred', registerInterest: '×', reactivateOldShop: '×' },
  form_submitted: { switchOn: '×', switchOff: '×', resendInvitation: '×', resendActivation: 'form_submitted', defer: '×', registerInterest: '×', reactivateOldShop: '×' },
  activated: { switchOn: '×', switchOff: '×', resendInvitation: '×', resendActivation: '×', defer: '×', registerInterest: '×', reactivateOldShop: 'old_shop_reactivated' },
  deferred: { switchOn: 'switched_on', switchOff: '×', resendInvitation: '×', resendActivation: '×', defer: 'deferred', registerInterest: 'interest_registered', reactivateOldShop: '×' },
  interest_registered: { switchOn: 'switched_on', switchOff: '×', resendInvitation: '×', resendActivation: '×', defer: 'deferred', registerInterest: '=', reactivateOldShop: '×' },
  old_shop_reactivated: { switchOn: '×', switchOff: '×', resendInvitation: '×', resendActivation: '×', defer: '×', registerInterest: '×', reactivateOldShop: '=' },
};

describe('migration state machine', () => {
  for (const state of STATES) {
    for (const action of migrationActions) {
      const expected = EXPECTED[state][action];
      it(`${action} from ${state} → ${expected}`, () => {
        const decision = decideMigration(facts(state), REQUESTS[action], TODAY);
        if (expected === '=') expect(decision).toEqual({ outcome: 'already' });
        else if (expected === '×') expect(decision).toEqual({ outcome: 'wrong_state', state });
        else {
          expect(decision.outcome).toBe('change');
          if (decision.outcome === 'change') expect(decision.change.to).toBe(expected);
        }
      });
    }
  }

  it('sends no activation e-mail before the form is submitted', () => {
    for (const state of ['not_started', 'switched_on', 'deferred', 'interest_registered'] as const) {
      expect(decideMigration(facts(state), { action: 'resendActivation' }, TODAY).outcome).toBe('wrong_state');
    }
  });

  it('ends old-shop access only by activation, and re-activation gives it back', () => {
    const reopened = decideMigration(facts('activated', { old_shop_access: false }), REQUESTS.reactivateOldShop, TODAY);
    expect(reopened).toMatchObject({ outcome: 'change', change: { to: 'old_shop_reactivated', oldShopAccess: true, event: 'old_shop_reactivated' } });
    const on = decideMigration(facts('not_started'), REQUESTS.switchOn, TODAY);
    expect(on).toMatchObject({ change: { oldShopAccess: true, event: 'switch_on', deferredUntil: null } });
  });

  it('records a resend as an event without moving the state', () => {
    const resend = decideMigration(facts('form_submitted'), { action: 'resendActivation' }, TODAY);
    expect(resend).toEqual({ outcome: 'change', change: { to: 'form_submitted', deferredUntil: null, oldShopAccess: true, event: 'activation_resent' } });
  });

  it('defers 14 to 28 days from today, no more and no less', () => {
    const defer = (until: string) => decideMigration(facts('switched_on'), { action: 'defer', until, reason: 'r' }, TODAY);
    expect(defer('2026-12-04')).toEqual({ outcome: 'deferral_invalid', min: '2026-12-05', max: '2026-12-19' });
    expect(defer('2026-12-05')).toMatchObject({ outcome: 'change', change: { to: 'deferred', deferredUntil: '2026-12-05' } });
    expect(defer('2026-12-19')).toMatchObject({ outcome: 'change', change: { deferredUntil: '2026-12-19' } });
    expect(defer('2026-12-20')).toEqual({ outcome: 'deferral_invalid', min: '2026-12-05', max: '2026-12-19' });
  });

  it('refuses a deferral queued offline whose date has come by the time it is applied', () => {
    // Asked on 21 November for 5 December; applied on 6 December (pushed late).
    const late = decideMigration(facts('switched_on'), { action: 'defer', until: '2026-12-05', reason: 'r' }, TODAY, '2026-12-06');
    expect(late).toEqual({ outcome: 'deferral_passed', until: '2026-12-05' });
    expect(decideMigration(facts('switched_on'), { action: 'defer', until: '2026-12-05', reason: 'r' }, TODAY, '2026-12-05').outcome).toBe('deferral_passed');
    expect(decideMigration(facts('switched_on'), { action: 'defer', until: '2026-12-05', reason: 'r' }, TODAY, '2026-12-04').outcome).toBe('change');
  });

  it('treats the same deferral again as a retry, and a new date as a new deferral', () => {
    const deferred = facts('deferred', { migration_deferred_until: '2026-12-10' });
    expect(decideMigration(deferred, { action: 'defer', until: '2026-12-10', reason: 'r' }, TODAY)).toEqual({ outcome: 'already' });
    expect(decideMigration(deferred, { action: 'defer', until: '2026-12-12', reason: 'r' }, TODAY)).toMatchObject({ change: { deferredUntil: '2026-12-12' } });
  });

  it('clears the deferral date when the customer moves on', () => {
    const deferred = facts('deferred', { migration_deferred_until: '2026-12-10' });
    expect(decideMigration(deferred, REQUESTS.switchOn, TODAY)).toMatchObject({ change: { to: 'switched_on', deferredUntil: null } });
  });

  it('offers as buttons exactly the actions the rules would carry out', () => {
    for (const state of STATES) {
      const offered = actionsFrom(state);
      const moving = migrationActions.filter((action) => !['=', '×'].includes(EXPECTED[state][action]));
      expect(offered, state).toEqual(moving);
    }
  });
});

describe('who may act on a migration', () => {
  const customer = { branch_id: 'b-oslo', consultant_id: 'st-cons' };
  it('lets branch staff of the customer’s branch and admins do everything', () => {
    for (const action of migrationActions) {
      expect(mayActOnMigration({ id: 'st-br', role: 'branch', branchId: 'b-oslo' }, action, customer)).toBe(true);
      expect(mayActOnMigration({ id: 'st-br2', role: 'branch', branchId: 'b-bergen' }, action, customer)).toBe(false);
      expect(mayActOnMigration({ id: 'st-adm', role: 'admin', branchId: null }, action, customer)).toBe(true);
      expect(mayActOnMigration({ id: 'st-cs', role: 'customer_service', branchId: null }, action, customer)).toBe(false);
    }
  });

  it('lets the customer’s own consultant re-activate the old shop, and nothing else', () => {
    const own = { id: 'st-cons', role: 'consultant' as const, branchId: 'b-oslo' };
    const colleague = { id: 'st-cons2', role: 'consultant' as const, branchId: 'b-oslo' };
    for (const action of migrationActions) expect(mayActOnMigration(own, action, customer)).toBe(action === 'reactivateOldShop');
    expect(mayActOnMigration(colleague, 'reactivateOldShop', customer)).toBe(false);
  });
});

describe('customer.setMigration args', () => {
  const schema = mutationArgs['customer.setMigration'];
  it('takes what each action needs and nothing else', () => {
    expect(schema.safeParse({ customerId: 'c', eventId: 'e', action: 'switchOn' }).success).toBe(true);
    expect(schema.safeParse({ customerId: 'c', eventId: 'e', action: 'switchOn', reason: 'x' }).success).toBe(false);
    expect(schema.safeParse({ customerId: 'c', eventId: 'e', action: 'defer', until: '2026-12-05', reason: 'Ferie' }).success).toBe(true);
    expect(schema.safeParse({ customerId: 'c', eventId: 'e', action: 'defer', until: '05.12.2026', reason: 'Ferie' }).success).toBe(false);
    expect(schema.safeParse({ customerId: 'c', eventId: 'e', action: 'defer', until: '2026-12-05' }).success).toBe(false);
    expect(schema.safeParse({ customerId: 'c', eventId: 'e', action: 'reactivateOldShop', reason: '  ' }).success).toBe(false);
    expect(schema.safeParse({ customerId: 'c', eventId: 'e', action: 'activate' }).success).toBe(false);
  });
});
