import { describe, expect, it } from 'vitest';
import { customerSetMigrationEffect, customerSetTierEffect } from '../../../electron/shared/sync/customerEffects';
import type { EffectActor, EffectRows } from '../../../electron/shared/sync/localEffects';
import type { SyncRow, SyncTableName } from '../../../electron/shared/sync/rows';

// The optimistic side of the customer mutations on plain in-memory rows: what staff see at once.
// The server's handlers are held to the same outcomes in tests/integration/server/push.customers*.

const AT = '2026-11-21T10:00:00.000Z';
const consultant: EffectActor = { id: 'st-cons', role: 'consultant', branchId: 'b-oslo' };
const branchStaff: EffectActor = { id: 'st-branch', role: 'branch', branchId: 'b-oslo' };

function memoryRows(): EffectRows & { tables: Map<SyncTableName, Map<string, unknown>> } {
  const tables = new Map<SyncTableName, Map<string, unknown>>();
  return {
    tables,
    get<T extends SyncTableName>(table: T, id: string) {
      return tables.get(table)?.get(id) as SyncRow<T> | undefined;
    },
    put<T extends SyncTableName>(table: T, row: SyncRow<T>) {
      const rows = tables.get(table) ?? new Map<string, unknown>();
      rows.set((row as { id: string }).id, row);
      tables.set(table, rows);
    },
  };
}

function customer(changes: Partial<SyncRow<'customers'>> = {}): SyncRow<'customers'> {
  return {
    id: 'c1',
    customer_number: 'K-10001',
    org_number: '923456789',
    name: 'Lys & Lampe AS',
    loyalty_tier: 'silver',
    consultant_id: 'st-cons',
    branch_id: 'b-oslo',
    migration_state: 'not_started',
    migration_deferred_until: null,
    old_shop_access: true,
    phone: null,
    email: null,
    created_at: '2025-01-01T00:00:00.000Z',
    ...changes,
  };
}

describe('customer.setTier locally', () => {
  const args = { customerId: 'c1', changeId: 'h1', fromTier: 'silver', toTier: 'gold', reason: 'Ny rammeavtale' } as const;

  it('changes the tier and writes the history entry under the client-made id', () => {
    const rows = memoryRows();
    rows.put('customers', customer());
    const result = customerSetTierEffect.apply(rows, args, consultant, AT);
    expect(result).toEqual({ status: 'applied', tables: ['customers', 'loyalty_tier_changes'], object: { table: 'customers', id: 'c1' } });
    expect(rows.get('customers', 'c1')?.loyalty_tier).toBe('gold');
    expect(rows.get('loyalty_tier_changes', 'h1')).toEqual({
      id: 'h1',
      customer_id: 'c1',
      branch_id: 'b-oslo',
      from_tier: 'silver',
      to_tier: 'gold',
      reason: 'Ny rammeavtale',
      changed_by: 'st-cons',
      changed_at: AT,
    });
  });

  it('is a no-op when replayed on its own result', () => {
    const rows = memoryRows();
    rows.put('customers', customer());
    customerSetTierEffect.apply(rows, args, consultant, AT);
    expect(customerSetTierEffect.apply(rows, args, consultant, AT)).toMatchObject({ status: 'applied', tables: [] });
  });

  it('refuses a change from a tier that moved on, with who-can-act words', () => {
    const rows = memoryRows();
    rows.put('customers', customer({ loyalty_tier: 'platinum' }));
    const result = customerSetTierEffect.apply(rows, args, consultant, AT);
    expect(result).toMatchObject({ status: 'refused', code: 'TIER_CHANGED_MEANWHILE' });
    expect(result.status === 'refused' && result.message).toContain('endret til platina siden du så det');
    expect(rows.get('loyalty_tier_changes', 'h1')).toBeUndefined();
  });

  it('refuses a consultant of another branch, and branch staff', () => {
    const rows = memoryRows();
    rows.put('customers', customer({ branch_id: 'b-bergen' }));
    expect(customerSetTierEffect.apply(rows, args, consultant, AT)).toMatchObject({ status: 'refused', code: 'FORBIDDEN' });
    rows.put('customers', customer());
    expect(customerSetTierEffect.apply(rows, args, branchStaff, AT)).toMatchObject({ status: 'refused', code: 'FORBIDDEN' });
    expect(rows.get('customers', 'c1')?.loyalty_tier).toBe('silver');
  });

  it('refuses an unknown customer and a history id used for something else', () => {
    const rows = memoryRows();
    expect(customerSetTierEffect.apply(rows, args, consultant, AT)).toMatchObject({ status: 'refused', code: 'NOT_FOUND' });
    rows.put('customers', customer());
    customerSetTierEffect.apply(rows, args, consultant, AT);
    const other = { ...args, fromTier: 'gold', toTier: 'platinum', reason: 'Annen grunn' } as const;
    expect(customerSetTierEffect.apply(rows, other, consultant, AT)).toMatchObject({ status: 'refused', code: 'HISTORY_ID_TAKEN' });
  });
});

describe('customer.setMigration locally', () => {
  it('switches on, and the history entry says from where', () => {
    const rows = memoryRows();
    rows.put('customers', customer());
    const result = customerSetMigrationEffect.apply(rows, { customerId: 'c1', eventId: 'e1', action: 'switchOn' }, branchStaff, AT);
    expect(result).toMatchObject({ status: 'applied', tables: ['customers', 'migration_events'] });
    expect(rows.get('customers', 'c1')?.migration_state).toBe('switched_on');
    expect(rows.get('migration_events', 'e1')).toMatchObject({ action: 'switch_on', from_state: 'not_started', to_state: 'switched_on', actor_kind: 'staff', actor_id: 'st-branch', reason: null, at: AT });
  });

  it('takes the same action under the same id as a retry, and another action under it as a taken id', () => {
    const rows = memoryRows();
    rows.put('customers', customer());
    customerSetMigrationEffect.apply(rows, { customerId: 'c1', eventId: 'e1', action: 'switchOn' }, branchStaff, AT);
    expect(customerSetMigrationEffect.apply(rows, { customerId: 'c1', eventId: 'e1', action: 'switchOn' }, branchStaff, AT)).toMatchObject({ status: 'applied', tables: [] });
    const other = customerSetMigrationEffect.apply(rows, { customerId: 'c1', eventId: 'e1', action: 'switchOff' }, branchStaff, AT);
    expect(other).toMatchObject({ status: 'refused', code: 'HISTORY_ID_TAKEN' });
    expect(rows.get('customers', 'c1')?.migration_state).toBe('switched_on');
  });

  it('counts the deferral from the day the staff member acted (Oslo)', () => {
    const rows = memoryRows();
    rows.put('customers', customer({ migration_state: 'switched_on' }));
    // 23:30 UTC on the 21st is already the 22nd in Oslo: 14 days from then is 6 December.
    const lateEvening = '2026-11-21T23:30:00.000Z';
    const early = customerSetMigrationEffect.apply(rows, { customerId: 'c1', eventId: 'e1', action: 'defer', until: '2026-12-05', reason: 'Ferie' }, branchStaff, lateEvening);
    expect(early).toMatchObject({ status: 'refused', code: 'MIGRATION_DEFERRAL_INVALID' });
    expect(early.status === 'refused' && early.message).toContain('fra 06.12.2026 til 20.12.2026');
    const ok = customerSetMigrationEffect.apply(rows, { customerId: 'c1', eventId: 'e1', action: 'defer', until: '2026-12-06', reason: 'Ferie' }, branchStaff, lateEvening);
    expect(ok).toMatchObject({ status: 'applied' });
    expect(rows.get('customers', 'c1')).toMatchObject({ migration_state: 'deferred', migration_deferred_until: '2026-12-06' });
    expect(rows.get('migration_events', 'e1')?.reason).toBe('Ferie');
  });

  it('refuses an activation e-mail before the form, in words that say why', () => {
    const rows = memoryRows();
    rows.put('customers', customer({ migration_state: 'switched_on' }));
    const result = customerSetMigrationEffect.apply(rows, { customerId: 'c1', eventId: 'e1', action: 'resendActivation' }, branchStaff, AT);
    expect(result).toMatchObject({ status: 'refused', code: 'MIGRATION_STATE_CONFLICT' });
    expect(result.status === 'refused' && result.message).toContain('først når kunden har sendt flytteskjemaet');
  });

  it('gives old-shop access back on re-activation, for the customer’s own consultant too', () => {
    const rows = memoryRows();
    rows.put('customers', customer({ migration_state: 'activated', old_shop_access: false }));
    const args = { customerId: 'c1', eventId: 'e1', action: 'reactivateOldShop', reason: 'Avtale om overgang' } as const;
    expect(customerSetMigrationEffect.apply(rows, args, consultant, AT)).toMatchObject({ status: 'applied' });
    expect(rows.get('customers', 'c1')).toMatchObject({ migration_state: 'old_shop_reactivated', old_shop_access: true });
    const colleague: EffectActor = { id: 'st-other', role: 'consultant', branchId: 'b-oslo' };
    rows.put('customers', customer({ migration_state: 'activated', old_shop_access: false }));
    expect(customerSetMigrationEffect.apply(rows, { ...args, eventId: 'e2' }, colleague, AT)).toMatchObject({ status: 'refused', code: 'FORBIDDEN' });
  });
});
