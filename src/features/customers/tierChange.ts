import { LOYALTY_TIERS, TIER_REASON_MAX, tierReasonSchema, type LoyaltyTier } from '../../../electron/shared/domain/loyalty';
import type { MutationArgs } from '../../../electron/shared/sync/mutations';
import { BridgeError, invoke } from '../../bridge';

/** What the tier dialog holds: the chosen tier ('' before one is chosen) and the reason as typed. */
export interface TierForm {
  toTier: LoyaltyTier | '';
  reason: string;
}

/** Why the form cannot be sent yet. */
export type TierFormProblem = 'chooseTier' | 'sameTier' | 'required' | 'tooLong';

/** The form checked: the values to send, or the first problem and the field it belongs to. */
export type TierFormCheck =
  | { ok: true; toTier: LoyaltyTier; reason: string }
  | {
      ok: false;
      field: 'tier' | 'reason';
      problem: TierFormProblem;
      /** The shared rule's own Norwegian message (the reason's), when it has one. */
      message: string | null;
    };

/** True when `value` names a tier. */
export function isTier(value: string): value is LoyaltyTier {
  return (LOYALTY_TIERS as readonly string[]).includes(value);
}

/** Checks the form against the shared rules: a tier other than `fromTier`, and a reason `tierReasonSchema` accepts. */
export function checkTierForm(fromTier: LoyaltyTier, form: TierForm): TierFormCheck {
  if (form.toTier === '') return { ok: false, field: 'tier', problem: 'chooseTier', message: null };
  if (form.toTier === fromTier) return { ok: false, field: 'tier', problem: 'sameTier', message: null };
  const reason = tierReasonSchema.safeParse(form.reason);
  if (!reason.success) {
    const problem: TierFormProblem = form.reason.trim() === '' ? 'required' : 'tooLong';
    return { ok: false, field: 'reason', problem, message: reason.error.issues[0]?.message ?? null };
  }
  return { ok: true, toTier: form.toTier, reason: reason.data };
}

/** The longest reason, for the field's counter. */
export const tierReasonMax = TIER_REASON_MAX;

/** The outcome of a tier change: queued (with the args sent), not sent (the form's problem), or refused. */
export type TierSubmitResult =
  | { ok: true; seq: number; args: MutationArgs<'customer.setTier'> }
  | { ok: false; kind: 'invalid'; check: Extract<TierFormCheck, { ok: false }> }
  | { ok: false; kind: 'refused'; code: string; message: string };

/**
 * Checks the form and queues `customer.setTier` with its local effect: from the tier the staff
 * member was shown, a fresh client-made `changeId` (a retried push cannot record it twice), and
 * the trimmed reason. A refusal here (the local rules, or no core) comes back with the core's
 * code and Norwegian message; the server's own verdict comes later, through Needs attention.
 */
export async function submitTierChange(customerId: string, fromTier: LoyaltyTier, form: TierForm, newId: () => string = () => crypto.randomUUID()): Promise<TierSubmitResult> {
  const check = checkTierForm(fromTier, form);
  if (!check.ok) return { ok: false, kind: 'invalid', check };
  const args: MutationArgs<'customer.setTier'> = { customerId, changeId: newId(), fromTier, toTier: check.toTier, reason: check.reason };
  try {
    const { seq } = await invoke('mutation.submit', { name: 'customer.setTier', args });
    return { ok: true, seq, args };
  } catch (error) {
    if (error instanceof BridgeError) return { ok: false, kind: 'refused', code: error.code, message: error.message };
    return { ok: false, kind: 'refused', code: 'UNKNOWN', message: error instanceof Error ? error.message : String(error) };
  }
}
