import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { expect } from 'vitest';
import type { LoyaltyTier } from '../../../electron/shared/domain/loyalty';
import type { MigrationState } from '../../../electron/shared/domain/migration';
import type { PushResponse } from '../../../electron/shared/protocol/sync';
import type { MutationArgs } from '../../../electron/shared/sync/mutations';
import type { Database } from '../../../server/db';
import type { Listening } from './httpFixture';
import { OSLO, pushOk, PUSH_STAFF, type PushStaffKey } from './pushFixture';

// Customers for the customer.setTier and customer.setMigration suites: one fresh customer per
// case (the push world's two are shared by every suite), read back row, history and audit.

/** A customer to create; everything has a default (Oslo, silver, not started, no consultant). */
export interface CustomerSpec {
  branchId?: string;
  tier?: LoyaltyTier;
  state?: MigrationState;
  deferredUntil?: string | null;
  /** Default: false once moved (activated), true otherwise, as the shop leaves it. */
  oldShopAccess?: boolean;
  consultant?: PushStaffKey | null;
}

let counter = 0;

/** Inserts a customer as `spec` says; returns its id and customer number. */
export async function createCustomer(db: Kysely<Database>, spec: CustomerSpec = {}): Promise<{ id: string; number: string }> {
  counter += 1;
  const id = `pcu-${counter}-${randomUUID().slice(0, 8)}`;
  const number = `7${String(counter).padStart(5, '0')}${randomUUID().replace(/\D/g, '').slice(0, 3)}`;
  const state = spec.state ?? 'not_started';
  await db
    .insertInto('customers')
    .values({
      id,
      customer_number: number,
      org_number: '923609016',
      name: `Kunde ${number} AS`,
      loyalty_tier: spec.tier ?? 'silver',
      consultant_id: spec.consultant == null ? null : PUSH_STAFF[spec.consultant].id,
      branch_id: spec.branchId ?? OSLO,
      migration_state: state,
      migration_deferred_until: spec.deferredUntil ?? null,
      old_shop_access: spec.oldShopAccess ?? state !== 'activated',
      phone: null,
      email: null,
      created_at: '2025-01-01T00:00:00Z',
    })
    .execute();
  return { id, number };
}

/** The customer's row as the database has it. */
export async function customerRow(db: Kysely<Database>, id: string) {
  return db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** The customer's tier history, oldest first. */
export async function tierChanges(db: Kysely<Database>, customerId: string) {
  return db.selectFrom('loyalty_tier_changes').selectAll().where('customer_id', '=', customerId).orderBy('version').execute();
}

/** The customer's migration history, oldest first. */
export async function migrationEvents(db: Kysely<Database>, customerId: string) {
  return db.selectFrom('migration_events').selectAll().where('customer_id', '=', customerId).orderBy('version').execute();
}

/** The audit rows about the customer, oldest first. */
export async function customerAudit(db: Kysely<Database>, customerId: string) {
  return db.selectFrom('audit_log').selectAll().where('object_type', '=', 'customer').where('object_id', '=', customerId).orderBy('id').execute();
}

/** The customer's row, its two histories and its audit rows: for "only the audit changed" checks. */
export async function customerState(db: Kysely<Database>, customerId: string) {
  return {
    row: await customerRow(db, customerId),
    tiers: await tierChanges(db, customerId),
    events: await migrationEvents(db, customerId),
    audits: (await customerAudit(db, customerId)).length,
  };
}

type CustomerMutation = 'customer.setTier' | 'customer.setMigration';

/** One pushed mutation's result. */
export type PushResult = PushResponse['results'][number];

/**
 * Pushes customer mutations one at a time, each staff member on a client of their own (seqs
 * 1, 2, …), made at `at` (default now).
 */
export function customerPusher(instance: () => Listening, tokens: () => Record<PushStaffKey, string>) {
  const clients = new Map<PushStaffKey, { id: string; seq: number }>();
  return async function act<N extends CustomerMutation>(staff: PushStaffKey, name: N, args: MutationArgs<N>, at: string = new Date().toISOString()): Promise<PushResult> {
    const client = clients.get(staff) ?? { id: randomUUID(), seq: 0 };
    clients.set(staff, client);
    const response = await pushOk(instance(), tokens()[staff], client.id, [{ seq: ++client.seq, name, args, at }]);
    const [result] = response.results;
    if (result === undefined) throw new Error('no result');
    return result;
  };
}

/** Expects `audit` (one audit_log row) to record `staff` doing `name` with `outcome` and `detail`. */
export function expectAudit(audit: Record<string, unknown> | undefined, staff: PushStaffKey, name: CustomerMutation, outcome: 'ok' | 'refused', detail: Record<string, unknown>): void {
  expect(audit).toMatchObject({ actor_kind: 'staff', actor_id: PUSH_STAFF[staff].id, action: name, object_type: 'customer', outcome });
  expect(audit?.detail).toMatchObject(detail);
}
