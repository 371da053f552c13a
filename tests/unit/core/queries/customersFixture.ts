import { afterEach } from 'vitest';
import { openCache, type Cache } from '../../../../electron/core/cache/open';
import { PageWriter } from '../../../../electron/core/sync/ingest';
import { Outbox } from '../../../../electron/core/sync/outbox';
import type { EffectActor } from '../../../../electron/shared/sync/localEffects';
import type { SyncRow } from '../../../../electron/shared/sync/rows';
import { useTempFiles } from '../cache/cacheFixture';
import { page, type TestChange } from '../outbox/outboxFixture';

// A small customer world for the customer and migration queries, written into a real cache file
// through the pull's own writer (so the search index is built as a pull builds it), with an
// outbox on it for the pending markers. Row helpers fill what a test does not care about.

/** The Oslo consultant who is "me". */
export const KARI: EffectActor = { id: 's-kari', role: 'consultant', branchId: 'b-oslo' };
/** Oslo's branch staff member. */
export const ARNE: EffectActor = { id: 's-arne', role: 'branch', branchId: 'b-oslo' };

/** A customer wire row with defaults (Oslo, silver, not started). */
export function customer(id: string, values: Partial<SyncRow<'customers'>> = {}): SyncRow<'customers'> {
  return {
    id,
    customer_number: `9${id.replace(/\D/g, '').padStart(5, '0')}`,
    org_number: '923609016',
    name: `Kunde ${id} AS`,
    loyalty_tier: 'silver',
    consultant_id: 's-kari',
    branch_id: 'b-oslo',
    migration_state: 'not_started',
    migration_deferred_until: null,
    old_shop_access: true,
    phone: null,
    email: null,
    created_at: '2024-01-05T08:00:00+00:00',
    ...values,
  };
}

/** A company user of `customerId`. */
export function user(id: string, customerId: string, email: string, values: Partial<SyncRow<'company_users'>> = {}): SyncRow<'company_users'> {
  return { id, customer_id: customerId, branch_id: 'b-oslo', email, name: `Bruker ${id}`, role: 'purchaser', old_shop_username: null, new_shop_activated_at: null, ...values };
}

/** An address of `customerId` (business by default). */
export function address(id: string, customerId: string, city: string, values: Partial<SyncRow<'addresses'>> = {}): SyncRow<'addresses'> {
  return { id, customer_id: customerId, branch_id: 'b-oslo', kind: 'business', name: null, line1: 'Storgata 1', line2: null, postal_code: '0155', city, country: 'NO', ...values };
}

/** An order of `customerId` placed at `placedAt`. */
export function order(id: string, customerId: string, placedAt: string, values: Partial<SyncRow<'orders'>> = {}): SyncRow<'orders'> {
  return {
    id,
    order_number: `O-${id}`,
    customer_id: customerId,
    branch_id: 'b-oslo',
    quote_id: null,
    placed_by_user_id: null,
    payment_method: 'invoice',
    billing_address_id: null,
    delivery_address_id: null,
    requested_delivery_date: null,
    partial_delivery: false,
    bulky_surcharge_ore: 0,
    placed_at: placedAt,
    ...values,
  };
}

/** Line `lineNo` of order `orderId`: `qty` at `unitPriceOre`, delivered unless told otherwise. */
export function line(orderId: string, lineNo: number, qty: number, unitPriceOre: number, values: Partial<SyncRow<'order_lines'>> = {}): SyncRow<'order_lines'> {
  return {
    id: `${orderId}-${lineNo}`,
    order_id: orderId,
    branch_id: 'b-oslo',
    line_no: lineNo,
    product_id: 'p-1',
    qty,
    cancelled_qty: 0,
    unit_price_ore: unitPriceOre,
    status: 'delivered',
    shipment_id: null,
    ...values,
  };
}

/** A migration event of `customerId`. */
export function migrationEvent(id: string, customerId: string, from: string, to: string, at: string, values: Partial<SyncRow<'migration_events'>> = {}): SyncRow<'migration_events'> {
  return { id, customer_id: customerId, branch_id: 'b-oslo', action: to === from ? 'activation_resent' : to, from_state: from, to_state: to, reason: null, actor_kind: 'customer', actor_id: null, at, ...values };
}

/** Branches and staff every world has. */
export const PEOPLE: TestChange[] = [
  ['put', 'branches', { id: 'b-oslo', name: 'Oslo', city: 'Oslo' }],
  ['put', 'branches', { id: 'b-bergen', name: 'Bergen', city: 'Bergen' }],
  ['put', 'staff', { id: 's-kari', name: 'Kari Konsulent', role: 'consultant', branch_id: 'b-oslo', active: true }],
  ['put', 'staff', { id: 's-arne', name: 'Arne Avdeling', role: 'branch', branch_id: 'b-oslo', active: true }],
  ['put', 'staff', { id: 's-berit', name: 'Berit Bergen', role: 'consultant', branch_id: 'b-bergen', active: true }],
];

/** A cache with an outbox and the pull's writer. */
export interface CustomerWorld {
  cache: Cache;
  writer: PageWriter;
  outbox: Outbox;
  /** Applies a pull page (its last) with the outbox's rebase inside, as the engine does. */
  pull(changes: readonly TestChange[], options?: { snapshot?: boolean; more?: boolean }): void;
}

/** Registers cleanup; `open(changes)` makes a world whose snapshot is PEOPLE and `changes`. */
export function useCustomerWorld(): { open(changes: readonly TestChange[]): CustomerWorld } {
  const temp = useTempFiles();
  const opened: Cache[] = [];
  afterEach(() => {
    for (const cache of opened.splice(0)) cache.sqlite.close();
  });
  return {
    open(changes) {
      const cache = openCache({ file: temp.file() });
      opened.push(cache);
      const writer = new PageWriter(cache.sqlite);
      const outbox = new Outbox(cache.sqlite);
      const pull = (list: readonly TestChange[], options: { snapshot?: boolean; more?: boolean } = {}): void => writer.apply(page(writer, list, options), outbox.rebase);
      pull([...PEOPLE, ...changes], { snapshot: true });
      return { cache, writer, outbox, pull };
    },
  };
}
