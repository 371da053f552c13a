import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { MigrationAction, MigrationState } from '../../../electron/shared/domain/migration';
import { customerRefusalText as text } from '../../../electron/shared/sync/customerEffectsText';
import type { AuthInstance } from './authFixture';
import { BACKENDS } from './backends';
import { createCustomer, customerAudit, customerPusher, customerRow, customerState, expectAudit, migrationEvents, type CustomerSpec } from './pushCustomerFixture';
import { BERGEN, PUSH_STAFF, usePushWorld, type PushStaffKey } from './pushFixture';
import { comparable, currentCursor, pulledSince } from './pushQuoteFixture';

// customer.setMigration on both engines, beyond the state machine: who may (branch staff and
// admins everything; the customer's own consultant may re-open the old shop), retries, taken
// history ids, unknown customers, and the pull that brings the change to staff.

const REASON = 'Kunden bruker fortsatt tilbudsmodulen i gammel nettbutikk; avtalt med avdelingsleder.';

describe.each(BACKENDS)('POST /v1/sync/push: customer.setMigration permissions, retries and pulls (%s)', (kind) => {
  let instance: AuthInstance;
  let tokens: Record<PushStaffKey, string>;
  usePushWorld(kind, (world) => ({ instance, tokens } = world));
  const act = customerPusher(
    () => instance,
    () => tokens,
  );

  type Case = [PushStaffKey, MigrationAction, CustomerSpec, 'applied' | 'FORBIDDEN'];
  const switchOn = { state: 'not_started' } as const satisfies CustomerSpec;
  const reactivate = { state: 'activated' } as const satisfies CustomerSpec;

  it.each<Case>([
    ['branch', 'switchOn', switchOn, 'applied'],
    ['branch', 'switchOn', { ...switchOn, branchId: BERGEN }, 'FORBIDDEN'],
    ['admin', 'switchOn', { ...switchOn, branchId: BERGEN }, 'applied'],
    ['service', 'switchOn', switchOn, 'FORBIDDEN'],
    // A consultant does not press the move switch, not even for their own customer …
    ['kari', 'switchOn', { ...switchOn, consultant: 'kari' }, 'FORBIDDEN'],
    // … but may re-open the old shop for their own customer ("the responsible seller") …
    ['kari', 'reactivateOldShop', { ...reactivate, consultant: 'kari' }, 'applied'],
    // … not for a colleague's customer, nor for one without a consultant …
    ['kari', 'reactivateOldShop', { ...reactivate, consultant: 'ola' }, 'FORBIDDEN'],
    ['kari', 'reactivateOldShop', reactivate, 'FORBIDDEN'],
    // … nor for their customer once it belongs to another branch.
    ['kari', 'reactivateOldShop', { ...reactivate, consultant: 'kari', branchId: BERGEN }, 'FORBIDDEN'],
    ['berit', 'reactivateOldShop', { ...reactivate, consultant: 'berit', branchId: BERGEN }, 'applied'],
    ['branch', 'reactivateOldShop', reactivate, 'applied'],
    ['service', 'reactivateOldShop', reactivate, 'FORBIDDEN'],
    ['admin', 'reactivateOldShop', { ...reactivate, branchId: BERGEN }, 'applied'],
  ])('%s: %s on %o → %s', async (staff, action, spec, expected) => {
    const customer = await createCustomer(instance.db, spec);
    const before = await customerState(instance.db, customer.id);
    const eventId = randomUUID();
    const args = action === 'reactivateOldShop' ? { customerId: customer.id, eventId, action, reason: REASON } : { customerId: customer.id, eventId, action: 'switchOn' as const };
    const result = await act(staff, 'customer.setMigration', args);
    const audits = await customerAudit(instance.db, customer.id);
    expect(audits).toHaveLength(1);
    if (expected === 'applied') {
      expect(result).toMatchObject({ status: 'applied' });
      const to: MigrationState = action === 'reactivateOldShop' ? 'old_shop_reactivated' : 'switched_on';
      expect(await customerRow(instance.db, customer.id)).toMatchObject({ migration_state: to, old_shop_access: true });
      expect(await migrationEvents(instance.db, customer.id)).toMatchObject([{ id: eventId, actor_id: PUSH_STAFF[staff].id, to_state: to }]);
      expectAudit(audits[0], staff, 'customer.setMigration', 'ok', { result: 'changed', action });
      return;
    }
    expect(result).toMatchObject({ status: 'rejected', code: 'FORBIDDEN', message: text.migrationForbidden(customer.number, action) });
    expect({ ...(await customerState(instance.db, customer.id)), audits: 0 }).toEqual({ ...before, audits: 0 });
    expectAudit(audits[0], staff, 'customer.setMigration', 'refused', {
      reason: 'forbidden',
      code: 'FORBIDDEN',
      role: PUSH_STAFF[staff].role,
      staffBranchId: PUSH_STAFF[staff].branchId,
      objectBranchId: before.row.branch_id,
      consultantId: before.row.consultant_id,
    });
  });

  it('checks the customer as it is when the push arrives: a consultant replaced meanwhile may no longer re-open', async () => {
    const customer = await createCustomer(instance.db, { state: 'activated', consultant: 'kari' });
    await instance.db.updateTable('customers').set({ consultant_id: PUSH_STAFF.ola.id }).where('id', '=', customer.id).execute();
    const result = await act('kari', 'customer.setMigration', { customerId: customer.id, eventId: randomUUID(), action: 'reactivateOldShop', reason: REASON });
    expect(result).toMatchObject({ status: 'rejected', code: 'FORBIDDEN' });
    expect((await customerRow(instance.db, customer.id)).old_shop_access).toBe(false);
  });

  it('applies a retry of the same entry as a no-op after the state moved on; other content under the id is HISTORY_ID_TAKEN', async () => {
    const customer = await createCustomer(instance.db, { state: 'not_started' });
    const other = await createCustomer(instance.db, { state: 'not_started' });
    const eventId = randomUUID();
    expect(await act('branch', 'customer.setMigration', { customerId: customer.id, eventId, action: 'registerInterest', reason: REASON })).toMatchObject({ status: 'applied' });
    expect(await act('branch', 'customer.setMigration', { customerId: customer.id, eventId: randomUUID(), action: 'switchOn' })).toMatchObject({ status: 'applied' });
    const before = await customerState(instance.db, customer.id);
    expect(before.row.migration_state).toBe('switched_on');

    // Interest again under its id (the answer was lost): applied, and the switch stays on.
    expect(await act('branch', 'customer.setMigration', { customerId: customer.id, eventId, action: 'registerInterest', reason: REASON })).toMatchObject({ status: 'applied' });
    const taken = text.historyIdTaken(customer.number, eventId);
    expect(await act('branch', 'customer.setMigration', { customerId: customer.id, eventId, action: 'registerInterest', reason: 'Noe annet.' })).toMatchObject({
      status: 'rejected',
      code: 'HISTORY_ID_TAKEN',
      message: taken,
    });
    expect(await act('admin', 'customer.setMigration', { customerId: customer.id, eventId, action: 'registerInterest', reason: REASON })).toMatchObject({ code: 'HISTORY_ID_TAKEN' });
    expect(await act('branch', 'customer.setMigration', { customerId: other.id, eventId, action: 'registerInterest', reason: REASON })).toMatchObject({
      code: 'HISTORY_ID_TAKEN',
      message: text.historyIdTaken(other.number, eventId),
    });
    expect({ ...(await customerState(instance.db, customer.id)), audits: 0 }).toEqual({ ...before, audits: 0 });
    expect(await customerRow(instance.db, other.id)).toMatchObject({ migration_state: 'not_started' });
    expect(await migrationEvents(instance.db, other.id)).toEqual([]);

    const audits = await customerAudit(instance.db, customer.id);
    expect(audits.map((row) => [row.outcome, row.detail.result ?? row.detail.code, row.actor_id])).toEqual([
      ['ok', 'changed', PUSH_STAFF.branch.id],
      ['ok', 'changed', PUSH_STAFF.branch.id],
      ['ok', 'unchanged', PUSH_STAFF.branch.id],
      ['refused', 'HISTORY_ID_TAKEN', PUSH_STAFF.branch.id],
      ['refused', 'HISTORY_ID_TAKEN', PUSH_STAFF.admin.id],
    ]);
    expect(audits[2]?.detail).toMatchObject({ why: 'retry', eventId });
  });

  it('refuses an unknown customer with NOT_FOUND, audited', async () => {
    const customerId = `gone-${randomUUID()}`;
    const result = await act('admin', 'customer.setMigration', { customerId, eventId: randomUUID(), action: 'switchOn' });
    expect(result).toMatchObject({ status: 'rejected', code: 'NOT_FOUND', message: text.notFound(customerId) });
    expectAudit((await customerAudit(instance.db, customerId))[0], 'admin', 'customer.setMigration', 'refused', { reason: 'not_found', code: 'NOT_FOUND' });
  });

  it('refuses a malformed deferral date or a missing reason as INVALID_ARGS', async () => {
    const customer = await createCustomer(instance.db);
    const before = await customerState(instance.db, customer.id);
    const base = { customerId: customer.id, eventId: randomUUID() };
    expect(await act('branch', 'customer.setMigration', { ...base, action: 'defer', until: '31.12.2026', reason: REASON })).toMatchObject({ code: 'INVALID_ARGS' });
    expect(await act('branch', 'customer.setMigration', { ...base, action: 'reactivateOldShop', reason: ' ' })).toMatchObject({ code: 'INVALID_ARGS' });
    expect(await act('branch', 'customer.setMigration', { ...base, action: 'registerInterest', reason: 'Ring\u0000 kunden.' })).toMatchObject({
      code: 'INVALID_ARGS',
      message: expect.stringContaining('tegn som ikke kan lagres') as unknown,
    });
    expect(await customerState(instance.db, customer.id)).toEqual(before);
  });

  it('brings the changed customer and its history entry to the branch on the next pull, not to another branch', async () => {
    const customer = await createCustomer(instance.db, { state: 'activated', consultant: 'kari' });
    const cursor = await currentCursor(instance, tokens.branch);
    const eventId = randomUUID();
    expect(await act('kari', 'customer.setMigration', { customerId: customer.id, eventId, action: 'reactivateOldShop', reason: REASON })).toMatchObject({ status: 'applied' });
    const row = await customerRow(instance.db, customer.id);
    const [event] = await migrationEvents(instance.db, customer.id);
    expect(row).toMatchObject({ migration_state: 'old_shop_reactivated', old_shop_access: true });
    expect(event).toMatchObject({ id: eventId, action: 'old_shop_reactivated', from_state: 'activated', reason: REASON });
    const pulled = await pulledSince(instance, tokens.branch, cursor);
    expect(comparable(pulled.get(`customers:${customer.id}`))).toEqual(comparable(row));
    expect(comparable(pulled.get(`migration_events:${eventId}`))).toEqual(comparable(event));
    const bergen = await pulledSince(instance, tokens.berit);
    expect(bergen.has(`migration_events:${eventId}`)).toBe(false);
  });
});
