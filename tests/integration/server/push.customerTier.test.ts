import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { customerRefusalText as text } from '../../../electron/shared/sync/customerEffectsText';
import type { AuthInstance } from './authFixture';
import { BACKENDS } from './backends';
import { createCustomer, customerAudit, customerPusher, customerRow, customerState, expectAudit, tierChanges } from './pushCustomerFixture';
import { BERGEN, PUSH_STAFF, usePushWorld, type PushStaffKey } from './pushFixture';
import { comparable, currentCursor, pulledSince } from './pushQuoteFixture';

// customer.setTier over real HTTP push on both engines: the change with its history entry, a
// stale tier refused, retries that change nothing, a taken history id, who may, an audit row for
// every outcome, and a pull afterwards that carries the customer and the entry.

const REASON = '42 ordrer og NOK 1,2 mill. siste 12 mnd.; avtalt med innkjøpssjefen.';

describe.each(BACKENDS)('POST /v1/sync/push: customer.setTier (%s)', (kind) => {
  let instance: AuthInstance;
  let tokens: Record<PushStaffKey, string>;
  usePushWorld(kind, (world) => ({ instance, tokens } = world));
  const act = customerPusher(
    () => instance,
    () => tokens,
  );

  it('changes the tier with a history entry under the client-made id, stamped with the server clock; a pull carries both', async () => {
    const customer = await createCustomer(instance.db, { tier: 'silver' });
    const cursor = await currentCursor(instance, tokens.kari);
    const changeId = randomUUID();
    const clientAt = new Date(Date.now() - 3 * 3_600_000).toISOString();
    const result = await act('kari', 'customer.setTier', { customerId: customer.id, changeId, fromTier: 'silver', toTier: 'gold', reason: `  ${REASON}\n` }, clientAt);
    expect(result).toEqual({ seq: 1, status: 'applied' });
    const row = await customerRow(instance.db, customer.id);
    expect(row.loyalty_tier).toBe('gold');
    const [entry, ...more] = await tierChanges(instance.db, customer.id);
    expect(more).toEqual([]);
    expect(entry).toMatchObject({ id: changeId, from_tier: 'silver', to_tier: 'gold', reason: REASON, changed_by: PUSH_STAFF.kari.id, branch_id: row.branch_id });
    // The server's time, not the client's three hours ago.
    expect(Math.abs(Date.parse(entry?.changed_at ?? '') - Date.now())).toBeLessThan(60_000);
    const audits = await customerAudit(instance.db, customer.id);
    expect(audits).toHaveLength(1);
    expectAudit(audits[0], 'kari', 'customer.setTier', 'ok', { result: 'changed', from: 'silver', to: 'gold', changeId, statedReason: REASON, clientAt });

    const pulled = await pulledSince(instance, tokens.kari, cursor);
    expect(comparable(pulled.get(`customers:${customer.id}`))).toEqual(comparable(row));
    expect(comparable(pulled.get(`loyalty_tier_changes:${changeId}`))).toEqual(comparable(entry));
    // Bergen's consultant sees neither.
    const bergen = await pulledSince(instance, tokens.berit);
    expect(bergen.has(`customers:${customer.id}`)).toBe(false);
    expect(bergen.has(`loyalty_tier_changes:${changeId}`)).toBe(false);
  });

  it('refuses a change from a tier that moved on meanwhile (TIER_CHANGED_MEANWHILE), leaving only the audit row', async () => {
    const customer = await createCustomer(instance.db, { tier: 'gold' });
    const before = await customerState(instance.db, customer.id);
    const result = await act('ola', 'customer.setTier', { customerId: customer.id, changeId: randomUUID(), fromTier: 'silver', toTier: 'platinum', reason: REASON });
    expect(result).toEqual({
      seq: 1,
      status: 'rejected',
      code: 'TIER_CHANGED_MEANWHILE',
      message: text.tierChangedMeanwhile(customer.number, 'silver', 'gold'),
    });
    expect(result.message).toBe(
      `Kundenivået til kunde ${customer.number} er endret til gull siden du så det (du endret fra sølv). Se historikken, og gjør endringen på nytt om den fortsatt skal gjøres.`,
    );
    const after = await customerState(instance.db, customer.id);
    expect({ ...after, audits: 0 }).toEqual({ ...before, audits: 0 });
    const audits = await customerAudit(instance.db, customer.id);
    expect(audits).toHaveLength(1);
    expectAudit(audits[0], 'ola', 'customer.setTier', 'refused', { reason: 'tier_changed_meanwhile', code: 'TIER_CHANGED_MEANWHILE', current: 'gold', fromTier: 'silver', toTier: 'platinum' });
  });

  it('decides two changes at once one after the other: one applies, the other sees the tier moved on', async () => {
    const customer = await createCustomer(instance.db, { tier: 'silver' });
    const change = (toTier: 'gold' | 'platinum') => ({ customerId: customer.id, changeId: randomUUID(), fromTier: 'silver', toTier, reason: REASON }) as const;
    const results = await Promise.all([act('kari', 'customer.setTier', change('gold')), act('admin', 'customer.setTier', change('platinum'))]);
    expect(results.map((result) => result.status).sort()).toEqual(['applied', 'rejected']);
    expect(results.find((result) => result.status === 'rejected')).toMatchObject({ code: 'TIER_CHANGED_MEANWHILE' });
    const winner = results[0]?.status === 'applied' ? 'gold' : 'platinum';
    expect((await customerRow(instance.db, customer.id)).loyalty_tier).toBe(winner);
    expect((await tierChanges(instance.db, customer.id)).map((entry) => [entry.from_tier, entry.to_tier])).toEqual([['silver', winner]]);
    expect(await customerAudit(instance.db, customer.id)).toHaveLength(2);
  });

  it('applies a change to the tier the customer already has without a change (a colleague got there first)', async () => {
    const customer = await createCustomer(instance.db, { tier: 'gold' });
    const before = await customerState(instance.db, customer.id);
    const result = await act('kari', 'customer.setTier', { customerId: customer.id, changeId: randomUUID(), fromTier: 'silver', toTier: 'gold', reason: REASON });
    expect(result).toMatchObject({ status: 'applied' });
    const after = await customerState(instance.db, customer.id);
    expect({ ...after, audits: 0 }).toEqual({ ...before, audits: 0 });
    expectAudit((await customerAudit(instance.db, customer.id))[0], 'kari', 'customer.setTier', 'ok', { result: 'unchanged', why: 'already', current: 'gold' });
  });

  it('applies a retry of the same entry as a no-op, even after the tier moved on; other content under the id is HISTORY_ID_TAKEN', async () => {
    const customer = await createCustomer(instance.db, { tier: 'silver' });
    const other = await createCustomer(instance.db, { tier: 'silver' });
    const changeId = randomUUID();
    const args = { customerId: customer.id, changeId, fromTier: 'silver', toTier: 'gold', reason: REASON } as const;
    expect(await act('kari', 'customer.setTier', args)).toMatchObject({ status: 'applied' });
    expect(await act('kari', 'customer.setTier', { ...args, fromTier: 'gold', toTier: 'platinum', changeId: randomUUID() })).toMatchObject({ status: 'applied' });
    const before = await customerState(instance.db, customer.id);
    expect(before.row.loyalty_tier).toBe('platinum');

    // The first change again (its answer lost on the way): applied, nothing moves back.
    expect(await act('kari', 'customer.setTier', args)).toMatchObject({ status: 'applied' });
    const taken = text.historyIdTaken(customer.number, changeId);
    expect(await act('kari', 'customer.setTier', { ...args, reason: 'En annen begrunnelse.' })).toMatchObject({ status: 'rejected', code: 'HISTORY_ID_TAKEN', message: taken });
    expect(await act('ola', 'customer.setTier', args)).toMatchObject({ status: 'rejected', code: 'HISTORY_ID_TAKEN', message: taken });
    expect(await act('kari', 'customer.setTier', { ...args, customerId: other.id })).toMatchObject({
      status: 'rejected',
      code: 'HISTORY_ID_TAKEN',
      message: text.historyIdTaken(other.number, changeId),
    });
    const after = await customerState(instance.db, customer.id);
    expect({ ...after, audits: 0 }).toEqual({ ...before, audits: 0 });
    expect((await customerState(instance.db, other.id)).row.loyalty_tier).toBe('silver');
    expect((await tierChanges(instance.db, other.id))).toEqual([]);

    const audits = await customerAudit(instance.db, customer.id);
    expect(audits.map((row) => [row.outcome, row.detail.result ?? row.detail.code, row.actor_id])).toEqual([
      ['ok', 'changed', PUSH_STAFF.kari.id],
      ['ok', 'changed', PUSH_STAFF.kari.id],
      ['ok', 'unchanged', PUSH_STAFF.kari.id],
      ['refused', 'HISTORY_ID_TAKEN', PUSH_STAFF.kari.id],
      ['refused', 'HISTORY_ID_TAKEN', PUSH_STAFF.ola.id],
    ]);
    expect(audits[2]?.detail).toMatchObject({ why: 'retry' });
    expectAudit((await customerAudit(instance.db, other.id))[0], 'kari', 'customer.setTier', 'refused', { reason: 'history_id_taken', changeId });
  });

  it.each<[PushStaffKey, 'own' | 'foreign', 'applied' | 'FORBIDDEN']>([
    ['kari', 'own', 'applied'],
    ['kari', 'foreign', 'FORBIDDEN'],
    ['branch', 'own', 'FORBIDDEN'],
    ['service', 'own', 'FORBIDDEN'],
    ['service', 'foreign', 'FORBIDDEN'],
    ['admin', 'foreign', 'applied'],
  ])('%s on a customer of a %s branch: %s', async (staff, place, expected) => {
    const customer = await createCustomer(instance.db, { tier: 'silver', ...(place === 'foreign' && { branchId: BERGEN }) });
    const before = await customerState(instance.db, customer.id);
    const result = await act(staff, 'customer.setTier', { customerId: customer.id, changeId: randomUUID(), fromTier: 'silver', toTier: 'platinum', reason: REASON });
    const audits = await customerAudit(instance.db, customer.id);
    expect(audits).toHaveLength(1);
    if (expected === 'applied') {
      expect(result).toMatchObject({ status: 'applied' });
      expect((await customerRow(instance.db, customer.id)).loyalty_tier).toBe('platinum');
      expectAudit(audits[0], staff, 'customer.setTier', 'ok', { result: 'changed' });
      return;
    }
    expect(result).toMatchObject({ status: 'rejected', code: 'FORBIDDEN', message: text.tierForbidden(customer.number) });
    expect({ ...(await customerState(instance.db, customer.id)), audits: 0 }).toEqual({ ...before, audits: 0 });
    expectAudit(audits[0], staff, 'customer.setTier', 'refused', {
      reason: 'forbidden',
      code: 'FORBIDDEN',
      role: PUSH_STAFF[staff].role,
      staffBranchId: PUSH_STAFF[staff].branchId,
      objectBranchId: place === 'own' ? before.row.branch_id : BERGEN,
    });
  });

  it('refuses an unknown customer with NOT_FOUND, audited', async () => {
    const customerId = `gone-${randomUUID()}`;
    const result = await act('admin', 'customer.setTier', { customerId, changeId: randomUUID(), fromTier: 'silver', toTier: 'gold', reason: REASON });
    expect(result).toMatchObject({ status: 'rejected', code: 'NOT_FOUND', message: text.notFound(customerId) });
    expectAudit((await customerAudit(instance.db, customerId))[0], 'admin', 'customer.setTier', 'refused', { reason: 'not_found', code: 'NOT_FOUND' });
  });

  it.each([
    ['U+0000', 'Avtalt\u0000 i møte.'],
    ['another control character', 'Avtalt\u0007 i møte.'],
    ['a lone surrogate', 'Avtalt \ud800 i møte.'],
  ])('refuses a reason with %s as INVALID_ARGS, changing nothing', async (_what, reason) => {
    const customer = await createCustomer(instance.db, { tier: 'silver' });
    const before = await customerState(instance.db, customer.id);
    const result = await act('kari', 'customer.setTier', { customerId: customer.id, changeId: randomUUID(), fromTier: 'silver', toTier: 'gold', reason });
    expect(result).toMatchObject({ status: 'rejected', code: 'INVALID_ARGS' });
    expect(result.message).toContain('Begrunnelsen inneholder tegn som ikke kan lagres');
    // Malformed args, as the schema's refusals: nothing written, not even an audit row.
    expect(await customerState(instance.db, customer.id)).toEqual(before);
  });

  it('refuses a reason that is only spaces as INVALID_ARGS, changing nothing', async () => {
    const customer = await createCustomer(instance.db, { tier: 'silver' });
    const before = await customerState(instance.db, customer.id);
    const result = await act('kari', 'customer.setTier', { customerId: customer.id, changeId: randomUUID(), fromTier: 'silver', toTier: 'gold', reason: '   ' });
    expect(result).toMatchObject({ status: 'rejected', code: 'INVALID_ARGS' });
    expect(await customerState(instance.db, customer.id)).toEqual(before);
  });
});
