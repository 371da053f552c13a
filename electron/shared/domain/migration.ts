import type { z } from 'zod';
import type { PermissionSubject } from './permissions';
import { mayPerform } from './permissions';
import { addDays } from './calendar';
import { reasonSchema } from './reasonText';
import type { migrationStateSchema } from '../sync/rows';

/**
 * The move to the new webshop as a state machine per customer number (domain.md, "Moving
 * customers to the new webshop"; seed 003). Pure, so the client's optimistic effect and the
 * server's handler decide every staff action the same way:
 *
 *   not_started ─switchOn→ switched_on ─(customer: form)→ form_submitted ─(customer: activate)→ activated
 *   side states: deferred (2–4 weeks, with reason), interest_registered
 *   exception: activated ─reactivateOldShop→ old_shop_reactivated (old-shop access back)
 */

/** A migration state. */
export type MigrationState = z.infer<typeof migrationStateSchema>;

/** Staff's migration actions (`customer.setMigration`'s `action`). */
export const migrationActions = [
  'switchOn',
  'switchOff',
  'resendInvitation',
  'resendActivation',
  'defer',
  'registerInterest',
  'reactivateOldShop',
] as const;

/** A staff migration action. */
export type MigrationAction = (typeof migrationActions)[number];

/** The `migration_events.action` each staff action records (the seed and the shop use the same names). */
export const MIGRATION_EVENT_OF: Readonly<Record<MigrationAction, string>> = {
  switchOn: 'switch_on',
  switchOff: 'switch_off',
  resendInvitation: 'invitation_resent',
  resendActivation: 'activation_resent',
  defer: 'deferred',
  registerInterest: 'interest_registered',
  reactivateOldShop: 'old_shop_reactivated',
};

/**
 * Whether a history entry already stored under the action's client-made id is this very action
 * (a retry: applied again without a change) rather than another one that took the id.
 */
export function isSameMigrationEntry(
  entry: { customer_id: string; actor_id: string | null; action: string; reason: string | null },
  action: { customerId: string; actorId: string; action: MigrationAction; reason: string | null },
): boolean {
  return entry.customer_id === action.customerId && entry.actor_id === action.actorId && entry.action === MIGRATION_EVENT_OF[action.action] && entry.reason === action.reason;
}

/** A deferral lasts at least this many days from the day it is asked for … */
export const DEFER_MIN_DAYS = 14;
/** … and at most this many (the customer may postpone 2–4 weeks). */
export const DEFER_MAX_DAYS = 28;

/** The longest reason a migration action may carry. */
export const MIGRATION_REASON_MAX = 500;

/** A reason (deferral, re-activation, registered interest): required, trimmed. */
export const migrationReasonSchema = reasonSchema('Skriv en begrunnelse.', MIGRATION_REASON_MAX);

/** States from which the move switch may be pressed. */
export const SWITCHABLE_STATES: readonly MigrationState[] = ['not_started', 'deferred', 'interest_registered'];

/** States counted as "moved" (the customer uses the new shop). */
export const MOVED_STATES: readonly MigrationState[] = ['activated', 'old_shop_reactivated'];

/** The facts of a customer the migration rules look at (a `customers` row has them all). */
export interface MigrationFacts {
  migration_state: MigrationState;
  migration_deferred_until: string | null;
  old_shop_access: boolean;
  branch_id: string;
  consultant_id: string | null;
}

/** What an action changes on the customer; `event` is the history entry's action name. */
export interface MigrationChange {
  to: MigrationState;
  deferredUntil: string | null;
  oldShopAccess: boolean;
  /** The `migration_events.action` to record (every applied action is recorded, even a resend). */
  event: string;
}

/** What a staff action would do. */
export type MigrationDecision =
  | { outcome: 'change'; change: MigrationChange }
  /** Nothing to do: the customer is already where the action leads (a retry). */
  | { outcome: 'already' }
  /** Not from this state (e.g. an activation e-mail before the form is submitted). */
  | { outcome: 'wrong_state'; state: MigrationState }
  /** A deferral date outside 2–4 weeks from the day it was asked for. */
  | { outcome: 'deferral_invalid'; min: string; max: string }
  /** A deferral (queued offline) that reaches the server on or after its own date. */
  | { outcome: 'deferral_passed'; until: string };

/** One staff action with what it carries. */
export type MigrationRequest =
  | { action: 'switchOn' | 'switchOff' | 'resendInvitation' | 'resendActivation' }
  | { action: 'defer'; until: string; reason: string }
  | { action: 'registerInterest' | 'reactivateOldShop'; reason: string };

/**
 * Decides `request` on a customer in `facts`. `actedOn` is the Oslo date a deferral is counted
 * from: the day the staff member acted, or the server's today if that is earlier (a clock ahead
 * cannot stretch a deferral). `today` is the deciding side's own date (the server's, when it
 * applies an action queued offline): a deferral whose date has come by then is refused.
 */
export function decideMigration(facts: MigrationFacts, request: MigrationRequest, actedOn: string, today: string = actedOn): MigrationDecision {
  const state = facts.migration_state;
  const keep = (event: string): MigrationDecision => ({
    outcome: 'change',
    change: { to: state, deferredUntil: facts.migration_deferred_until, oldShopAccess: facts.old_shop_access, event },
  });
  const move = (to: MigrationState, event: string, extra: Partial<MigrationChange> = {}): MigrationDecision => ({
    outcome: 'change',
    change: { to, deferredUntil: null, oldShopAccess: facts.old_shop_access, event, ...extra },
  });
  switch (request.action) {
    case 'switchOn':
      if (state === 'switched_on') return { outcome: 'already' };
      if (SWITCHABLE_STATES.includes(state)) return move('switched_on', MIGRATION_EVENT_OF.switchOn);
      return { outcome: 'wrong_state', state };
    case 'switchOff':
      if (state === 'not_started') return { outcome: 'already' };
      if (state === 'switched_on') return move('not_started', MIGRATION_EVENT_OF.switchOff);
      return { outcome: 'wrong_state', state };
    case 'resendInvitation':
      return state === 'switched_on' ? keep(MIGRATION_EVENT_OF.resendInvitation) : { outcome: 'wrong_state', state };
    case 'resendActivation':
      // No activation e-mail before the form is submitted: the form is what asks for one.
      return state === 'form_submitted' ? keep(MIGRATION_EVENT_OF.resendActivation) : { outcome: 'wrong_state', state };
    case 'defer': {
      const min = addDays(actedOn, DEFER_MIN_DAYS);
      const max = addDays(actedOn, DEFER_MAX_DAYS);
      if (!['not_started', 'switched_on', 'interest_registered', 'deferred'].includes(state)) return { outcome: 'wrong_state', state };
      if (request.until < min || request.until > max) return { outcome: 'deferral_invalid', min, max };
      if (request.until <= today) return { outcome: 'deferral_passed', until: request.until };
      if (state === 'deferred' && facts.migration_deferred_until === request.until) return { outcome: 'already' };
      return move('deferred', MIGRATION_EVENT_OF.defer, { deferredUntil: request.until });
    }
    case 'registerInterest':
      if (state === 'interest_registered') return { outcome: 'already' };
      if (state === 'not_started' || state === 'deferred') return move('interest_registered', MIGRATION_EVENT_OF.registerInterest);
      return { outcome: 'wrong_state', state };
    case 'reactivateOldShop':
      if (state === 'old_shop_reactivated') return { outcome: 'already' };
      if (state === 'activated') return move('old_shop_reactivated', MIGRATION_EVENT_OF.reactivateOldShop, { oldShopAccess: true });
      return { outcome: 'wrong_state', state };
  }
}

/** The actions that make sense from `state` (for showing buttons; the rules still decide). */
export function actionsFrom(state: MigrationState): MigrationAction[] {
  const probe: Record<MigrationAction, MigrationRequest> = {
    switchOn: { action: 'switchOn' },
    switchOff: { action: 'switchOff' },
    resendInvitation: { action: 'resendInvitation' },
    resendActivation: { action: 'resendActivation' },
    defer: { action: 'defer', until: '', reason: '' },
    registerInterest: { action: 'registerInterest', reason: '' },
    reactivateOldShop: { action: 'reactivateOldShop', reason: '' },
  };
  const facts: MigrationFacts = { migration_state: state, migration_deferred_until: null, old_shop_access: true, branch_id: '', consultant_id: null };
  return migrationActions.filter((action) => {
    const decision = decideMigration(facts, probe[action], '2000-01-01');
    return decision.outcome === 'change' || decision.outcome === 'deferral_invalid' || decision.outcome === 'deferral_passed';
  });
}

/**
 * Whether `subject` may take `action` on a customer of `facts`: branch staff (own branch) and
 * admins may do all; the customer's own consultant ("the responsible seller", seed 003) may also
 * re-activate old-shop access.
 */
export function mayActOnMigration(subject: PermissionSubject & { id: string }, action: MigrationAction, facts: Pick<MigrationFacts, 'branch_id' | 'consultant_id'>): boolean {
  if (mayPerform(subject, 'customer.setMigration', facts.branch_id)) return true;
  return action === 'reactivateOldShop' && subject.role === 'consultant' && facts.consultant_id === subject.id && mayPerform(subject, 'customer.setTier', facts.branch_id);
}

/** Migration states as staff read them (nb). */
export const MIGRATION_STATE_NB: Readonly<Record<MigrationState, string>> = {
  not_started: 'ikke startet',
  switched_on: 'invitert (flytteknapp på)',
  form_submitted: 'skjema sendt',
  activated: 'aktivert i ny nettbutikk',
  deferred: 'utsatt',
  interest_registered: 'interesse registrert',
  old_shop_reactivated: 'gammel nettbutikk gjenåpnet',
};

/** Migration actions as verbs in "kan ikke … når kunden er …" (nb). */
export const MIGRATION_ACTION_NB: Readonly<Record<MigrationAction, string>> = {
  switchOn: 'slå på flytteknappen',
  switchOff: 'slå av flytteknappen',
  resendInvitation: 'sende invitasjonen på nytt',
  resendActivation: 'sende aktiverings-e-posten på nytt',
  defer: 'utsette flyttingen',
  registerInterest: 'registrere interesse',
  reactivateOldShop: 'gjenåpne gammel nettbutikk',
};

/** When a customer counts as stuck: invited without a form for 7 days, or a form not activated in 2. */
export const STUCK_INVITED_DAYS = 7;
export const STUCK_FORM_DAYS = 2;
