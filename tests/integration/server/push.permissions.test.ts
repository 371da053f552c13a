import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { MutationName } from '../../../electron/shared/sync/mutations';
import { auditRows, type AuthInstance } from './authFixture';
import { BACKENDS } from './backends';
import { BERGEN, createQuote, mutation, OSLO, pushOk, quoteRow, usePushWorld, PUSH_STAFF, type PushStaffKey } from './pushFixture';
import { createCustomer, customerRow } from './pushCustomerFixture';
import { addQuoteLines } from './pushQuoteFixture';

type Role = 'consultant' | 'branch' | 'customer_service' | 'admin';
type Place = 'own' | 'foreign';

// Who acts for each role: all of Oslo where the role has a branch.
const ACTOR: Record<Role, PushStaffKey> = { consultant: 'kari', branch: 'branch', customer_service: 'service', admin: 'admin' };

// The whole matrix, every cell spelled out: the quote mutations and the tier are the
// consultants' work in their own branch, the move switch the branch staff's; admins may do
// everything anywhere; customer service none of these.
const EXPECTED: Record<MutationName, Record<Role, Record<Place, 'applied' | 'FORBIDDEN'>>> = {
  'quote.claim': {
    consultant: { own: 'applied', foreign: 'FORBIDDEN' },
    branch: { own: 'FORBIDDEN', foreign: 'FORBIDDEN' },
    customer_service: { own: 'FORBIDDEN', foreign: 'FORBIDDEN' },
    admin: { own: 'applied', foreign: 'applied' },
  },
  'quote.release': {
    consultant: { own: 'applied', foreign: 'FORBIDDEN' },
    branch: { own: 'FORBIDDEN', foreign: 'FORBIDDEN' },
    customer_service: { own: 'FORBIDDEN', foreign: 'FORBIDDEN' },
    admin: { own: 'applied', foreign: 'applied' },
  },
  'quote.comment': {
    consultant: { own: 'applied', foreign: 'FORBIDDEN' },
    branch: { own: 'FORBIDDEN', foreign: 'FORBIDDEN' },
    customer_service: { own: 'FORBIDDEN', foreign: 'FORBIDDEN' },
    admin: { own: 'applied', foreign: 'applied' },
  },
  'quote.answer': {
    consultant: { own: 'applied', foreign: 'FORBIDDEN' },
    branch: { own: 'FORBIDDEN', foreign: 'FORBIDDEN' },
    customer_service: { own: 'FORBIDDEN', foreign: 'FORBIDDEN' },
    admin: { own: 'applied', foreign: 'applied' },
  },
  'quote.decline': {
    consultant: { own: 'applied', foreign: 'FORBIDDEN' },
    branch: { own: 'FORBIDDEN', foreign: 'FORBIDDEN' },
    customer_service: { own: 'FORBIDDEN', foreign: 'FORBIDDEN' },
    admin: { own: 'applied', foreign: 'applied' },
  },
  // Reassigning is the team lead's: a consultant may not even in their own branch.
  'quote.reassign': {
    consultant: { own: 'FORBIDDEN', foreign: 'FORBIDDEN' },
    branch: { own: 'FORBIDDEN', foreign: 'FORBIDDEN' },
    customer_service: { own: 'FORBIDDEN', foreign: 'FORBIDDEN' },
    admin: { own: 'applied', foreign: 'applied' },
  },
  'quote.markRead': {
    consultant: { own: 'applied', foreign: 'FORBIDDEN' },
    branch: { own: 'FORBIDDEN', foreign: 'FORBIDDEN' },
    customer_service: { own: 'FORBIDDEN', foreign: 'FORBIDDEN' },
    admin: { own: 'applied', foreign: 'applied' },
  },
  // A tier is the consultant's to change, in their own branch (admins anywhere).
  'customer.setTier': {
    consultant: { own: 'applied', foreign: 'FORBIDDEN' },
    branch: { own: 'FORBIDDEN', foreign: 'FORBIDDEN' },
    customer_service: { own: 'FORBIDDEN', foreign: 'FORBIDDEN' },
    admin: { own: 'applied', foreign: 'applied' },
  },
  // The move switch is the branch's (a consultant may only re-open the old shop for their own
  // customer: push.customerMigrationRules.test.ts).
  'customer.setMigration': {
    consultant: { own: 'FORBIDDEN', foreign: 'FORBIDDEN' },
    branch: { own: 'applied', foreign: 'FORBIDDEN' },
    customer_service: { own: 'FORBIDDEN', foreign: 'FORBIDDEN' },
    admin: { own: 'applied', foreign: 'applied' },
  },
};

const CELLS = Object.entries(EXPECTED).flatMap(([name, byRole]) =>
  Object.entries(byRole).flatMap(([role, byPlace]) =>
    Object.entries(byPlace).map(([place, expected]) => ({ name: name as MutationName, role: role as Role, place: place as Place, expected })),
  ),
);

describe.each(BACKENDS)('POST /v1/sync/push: permissions per role, mutation and branch (%s)', (kind) => {
  let instance: AuthInstance;
  let tokens: Record<PushStaffKey, string>;
  usePushWorld(kind, (world) => ({ instance, tokens } = world));

  it('covers every role, mutation and place', () => {
    expect(CELLS).toHaveLength(9 * 4 * 2);
  });

  it.each(CELLS.filter((cell) => cell.name.startsWith('customer.')))('$role $name on a customer of a $place branch: $expected', async ({ name, role, place, expected }) => {
    const actor = PUSH_STAFF[ACTOR[role]];
    const customer = await createCustomer(instance.db, { branchId: place === 'own' ? OSLO : BERGEN, tier: 'silver', state: 'not_started' });
    const before = await customerRow(instance.db, customer.id);
    const args =
      name === 'customer.setTier'
        ? { customerId: customer.id, changeId: randomUUID(), fromTier: 'silver', toTier: 'gold', reason: 'Avtalt.' }
        : { customerId: customer.id, eventId: randomUUID(), action: 'switchOn' };
    const response = await pushOk(instance, tokens[ACTOR[role]], randomUUID(), [{ seq: 1, name, args, at: new Date().toISOString() }]);
    const [result] = response.results;
    const audits = (await auditRows(instance.db, name)).filter((row) => row.object_id === customer.id);
    expect(audits).toHaveLength(1);
    if (expected === 'applied') {
      expect(result).toEqual({ seq: 1, status: 'applied' });
      expect(await customerRow(instance.db, customer.id)).toMatchObject(name === 'customer.setTier' ? { loyalty_tier: 'gold' } : { migration_state: 'switched_on' });
      expect(audits[0]).toMatchObject({ actor_id: actor.id, outcome: 'ok' });
    } else {
      expect(result).toMatchObject({ seq: 1, status: 'rejected', code: 'FORBIDDEN' });
      expect(result?.message).toContain(customer.number);
      expect(await customerRow(instance.db, customer.id)).toEqual(before);
      expect(audits[0]).toMatchObject({ actor_kind: 'staff', actor_id: actor.id, object_type: 'customer', outcome: 'refused' });
    }
  });

  it.each(CELLS.filter((cell) => cell.name.startsWith('quote.')))('$role $name on a quote of a $place branch: $expected', async ({ name, role, place, expected }) => {
    const actor = PUSH_STAFF[ACTOR[role]];
    const branchId = place === 'own' ? OSLO : BERGEN;
    // A release or an answer needs a claim; the actor holds it, so only the permission can refuse.
    const held = name === 'quote.release' || name === 'quote.answer';
    const quoteId = held
      ? await createQuote(instance.db, { branchId, status: 'in_progress', assigneeId: actor.id })
      : await createQuote(instance.db, { branchId });
    const lineIds = await addQuoteLines(instance.db, quoteId, branchId, [{ product: 'downlight', qty: 3 }]);
    const before = await quoteRow(instance.db, quoteId);
    const argsOf: Partial<Record<MutationName, Record<string, unknown>>> = {
      'quote.comment': { quoteId, commentId: randomUUID(), body: 'Hei!' },
      'quote.answer': { quoteId, lines: lineIds.map((lineId) => ({ lineId, extraDiscountBp: 500, offeredPriceOre: null })), validityDays: 30, message: '' },
      'quote.decline': { quoteId, reason: 'Varen utgår.' },
      // A consultant of the quote's own branch, so only the permission can refuse.
      'quote.reassign': { quoteId, assigneeId: place === 'own' ? PUSH_STAFF.ola.id : PUSH_STAFF.berit.id },
    };
    const args = argsOf[name] ?? { quoteId };
    const response = await pushOk(instance, tokens[ACTOR[role]], randomUUID(), [{ ...mutation(1, 'quote.claim', { quoteId }), name, args }]);
    const [result] = response.results;
    const refusals = (await auditRows(instance.db, name)).filter((row) => row.object_id === quoteId);
    if (expected === 'applied') {
      expect(result).toEqual({ seq: 1, status: 'applied' });
      expect(refusals).toEqual([]);
      expect((await quoteRow(instance.db, quoteId)).updated_at).not.toBe(before.updated_at);
    } else {
      expect(result).toMatchObject({ seq: 1, status: 'rejected', code: 'FORBIDDEN' });
      expect(result?.message).toContain(before.quote_number);
      expect(await quoteRow(instance.db, quoteId)).toEqual(before);
      expect(refusals).toHaveLength(1);
      expect(refusals[0]).toMatchObject({ actor_kind: 'staff', actor_id: actor.id, object_type: 'quote', outcome: 'refused' });
    }
  });

  it('checks the quote as it is when the push arrives, not when the action was made', async () => {
    const quoteId = await createQuote(instance.db, { branchId: OSLO });
    const offline = mutation(1, 'quote.claim', { quoteId });
    // While Kari was offline, the customer (and so the quote) moved to Bergen.
    await instance.db.updateTable('quotes').set({ branch_id: BERGEN, customer_id: 'pc-bergen' }).where('id', '=', quoteId).execute();
    const response = await pushOk(instance, tokens.kari, randomUUID(), [offline]);
    expect(response.results[0]).toMatchObject({ status: 'rejected', code: 'FORBIDDEN' });
  });
});
