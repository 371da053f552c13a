import { DAY, HOUR, between, iso, isoDate, type SeedContext, type StaffRef, type Tier } from './context';
import type { CustomerRef } from './customers';
import { deferReasons, reactivateReasons, tierDownReasons, tierUpReasons } from './data/texts';
import { weights } from './random';

/** A customer's state in the move to the new shop. */
export type MigrationState = 'not_started' | 'switched_on' | 'form_submitted' | 'activated' | 'deferred' | 'interest_registered' | 'old_shop_reactivated';

const platinumStarts = weights<Tier>({ silver: 50, gold: 40, platinum: 10 });

/** When the move to the new shop started: the planned period is two months (onboarding FAQ). */
const CAMPAIGN_MS = 60 * DAY;

/** Changes that lead from the customer's starting tier to today's; the first one is not a change. */
export function makeTierHistory(ctx: SeedContext, customer: CustomerRef): void {
  const { r } = ctx;
  const order: Tier[] = ['silver', 'gold', 'platinum'];
  const current = order.indexOf(customer.tier);
  // Most start as silver; "unless agreed otherwise with staff" some start higher.
  let start = 0;
  if (current === 1) start = r.chance(0.25) ? 1 : 0;
  if (current === 2) start = order.indexOf(r.from(platinumStarts));
  const path: Tier[] = [];
  for (let t = start; t <= current; t++) path.push(order[t] ?? 'silver');
  // Some silver customers were gold once and moved back.
  if (current === 0 && r.chance(0.06)) path.push('gold', 'silver');
  let at = customer.createdMs;
  for (let step = 1; step < path.length; step++) {
    at = between(ctx, at + 30 * DAY, ctx.now - DAY);
    const from = path[step - 1] ?? 'silver';
    const to = path[step] ?? 'silver';
    const up = order.indexOf(to) > order.indexOf(from);
    ctx.out.add('loyalty_tier_changes', {
      id: ctx.ids.next(),
      customer_id: customer.id,
      branch_id: customer.branch.id,
      from_tier: from,
      to_tier: to,
      reason: r.pick(up ? tierUpReasons : tierDownReasons),
      changed_by: r.chance(0.85) ? customer.consultant.id : r.pick(customer.branch.consultants).id,
      changed_at: iso(at),
    });
  }
}

/** Writes the steps that led to `state`; returns when the new shop was activated and the deferral date. */
export function migrationHistory(ctx: SeedContext, customer: CustomerRef, state: MigrationState): { activatedMs: number | null; deferredUntil: string | null } {
  const { r, now } = ctx;
  const staff = (): StaffRef => r.pick(customer.branch.branchStaff);
  let at = between(ctx, Math.max(now - CAMPAIGN_MS, customer.createdMs), now - 3 * DAY);
  let from: MigrationState = 'not_started';
  let activatedMs: number | null = null;
  let deferredUntil: string | null = null;
  const step = (action: string, to: MigrationState, actor: 'staff' | 'customer', reason: string | null = null): void => {
    ctx.out.add('migration_events', {
      id: ctx.ids.next(),
      customer_id: customer.id,
      branch_id: customer.branch.id,
      action,
      from_state: from,
      to_state: to,
      reason,
      actor_kind: actor,
      actor_id: actor === 'staff' ? staff().id : null,
      at: iso(at),
    });
    from = to;
    at = between(ctx, at + HOUR, at + r.float(0.2, 6) * DAY);
  };
  if (state === 'not_started') return { activatedMs, deferredUntil };
  if (state === 'interest_registered') {
    step('interest_registered', 'interest_registered', 'customer');
    return { activatedMs, deferredUntil };
  }
  step('switch_on', 'switched_on', 'staff');
  if (state === 'switched_on') return { activatedMs, deferredUntil };
  if (state === 'deferred') {
    // Postponed 2–4 weeks (onboarding FAQ), counted from the day the customer asked.
    deferredUntil = isoDate(at + r.int(14, 28) * DAY);
    step('deferred', 'deferred', 'customer', r.pick(deferReasons));
    return { activatedMs, deferredUntil };
  }
  step('form_submitted', 'form_submitted', 'customer');
  if (state === 'form_submitted') {
    if (r.chance(0.3)) step('activation_resent', 'form_submitted', 'staff');
    return { activatedMs, deferredUntil };
  }
  activatedMs = at;
  step('activated', 'activated', 'customer');
  if (state === 'old_shop_reactivated') step('old_shop_reactivated', 'old_shop_reactivated', 'staff', r.pick(reactivateReasons));
  return { activatedMs, deferredUntil };
}
