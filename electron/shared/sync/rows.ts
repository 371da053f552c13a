import { z } from 'zod';

// Wire shapes of synced rows (`put` lines of a pull). Field names are the database's column
// names (snake_case), so the server can stream rows as the database produces them and the
// client's SQLite tables can mirror them; `version` stays on the server (the cursor carries it).

const id = z.string().min(1);
const ref = id.nullable();
const time = z.iso.datetime({ offset: true });
const date = z.iso.date();
const ore = z.number().int().nonnegative();
const basisPoints = z.number().int().min(0).max(10_000);
const tier = z.enum(['silver', 'gold', 'platinum']);

/** Loyalty tiers, lowest first. */
export const loyaltyTierSchema = tier;

/** Customer migration states (domain.md, "Moving customers to the new webshop"). */
export const migrationStateSchema = z.enum([
  'not_started',
  'switched_on',
  'form_submitted',
  'activated',
  'deferred',
  'interest_registered',
  'old_shop_reactivated',
]);

/** Quote states; the server decides transitions. */
export const quoteStatusSchema = z.enum(['requested', 'in_progress', 'answered', 'revision_requested', 'accepted', 'declined', 'expired']);

/** Order line states. */
export const orderLineStatusSchema = z.enum(['open', 'in_preparation', 'shipped', 'delivered', 'cancelled']);

/** Every synced table's row schema, by table name. */
export const syncRowSchemas = {
  branches: z.strictObject({ id, name: z.string(), city: z.string() }),
  staff: z.strictObject({
    id,
    name: z.string(),
    role: z.enum(['consultant', 'branch', 'customer_service', 'admin']),
    branch_id: ref,
    active: z.boolean(),
  }),
  customers: z.strictObject({
    id,
    customer_number: z.string(),
    org_number: z.string().regex(/^\d{9}$/),
    name: z.string(),
    loyalty_tier: tier,
    consultant_id: ref,
    branch_id: id,
    migration_state: migrationStateSchema,
    migration_deferred_until: date.nullable(),
    old_shop_access: z.boolean(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    created_at: time,
  }),
  company_users: z.strictObject({
    id,
    customer_id: id,
    branch_id: id,
    email: z.string(),
    name: z.string(),
    role: z.enum(['admin', 'purchaser', 'viewer']),
    old_shop_username: z.string().nullable(),
    new_shop_activated_at: time.nullable(),
  }),
  addresses: z.strictObject({
    id,
    customer_id: id,
    branch_id: id,
    kind: z.enum(['business', 'billing', 'delivery']),
    name: z.string().nullable(),
    line1: z.string(),
    line2: z.string().nullable(),
    postal_code: z.string().regex(/^\d{4}$/),
    city: z.string(),
    country: z.string(),
  }),
  products: z.strictObject({
    id,
    article_number: z.string(),
    name_nb: z.string(),
    category: z.string(),
    list_price_ore: ore,
    cost_price_ore: ore,
    bulky: z.boolean(),
    active: z.boolean(),
  }),
  project_lists: z.strictObject({ id, customer_id: id, branch_id: id, name: z.string(), created_by_user_id: ref, created_at: time }),
  project_list_items: z.strictObject({ id, project_list_id: id, branch_id: id, product_id: id, qty: z.number().int().positive() }),
  quotes: z.strictObject({
    id,
    quote_number: z.string(),
    customer_id: id,
    branch_id: id,
    project_list_id: ref,
    status: quoteStatusSchema,
    requested_at: time,
    due_at: time,
    assignee_id: ref,
    answered_at: time.nullable(),
    valid_until: date.nullable(),
    message_to_customer: z.string().nullable(),
    decline_reason: z.string().nullable(),
    order_id: ref,
    unread_customer_comments: z.number().int().nonnegative(),
    updated_at: time,
  }),
  quote_lines: z.strictObject({
    id,
    quote_id: id,
    branch_id: id,
    position: z.number().int(),
    product_id: id,
    article_number: z.string(),
    name: z.string(),
    qty: z.number().int().positive(),
    list_price_ore: ore,
    tier_discount_bp: basisPoints,
    extra_discount_bp: basisPoints,
    offered_price_ore: ore.nullable(),
  }),
  quote_comments: z.strictObject({
    id,
    quote_id: id,
    branch_id: id,
    author_kind: z.enum(['customer', 'staff']),
    author_staff_id: ref,
    author_user_id: ref,
    body: z.string(),
    created_at: time,
  }),
  quote_events: z.strictObject({
    id,
    quote_id: id,
    branch_id: id,
    at: time,
    actor_kind: z.enum(['customer', 'staff', 'system']),
    actor_id: ref,
    kind: z.string(),
    detail: z.record(z.string(), z.unknown()),
  }),
  orders: z.strictObject({
    id,
    order_number: z.string(),
    customer_id: id,
    branch_id: id,
    quote_id: ref,
    placed_by_user_id: ref,
    payment_method: z.enum(['invoice', 'card', 'prepayment']),
    billing_address_id: ref,
    delivery_address_id: ref,
    requested_delivery_date: date.nullable(),
    partial_delivery: z.boolean(),
    bulky_surcharge_ore: ore,
    placed_at: time,
  }),
  shipments: z.strictObject({
    id,
    order_id: id,
    branch_id: id,
    carrier: z.string(),
    tracking_number: z.string(),
    freight_forwarder: z.boolean(),
    shipped_at: time,
    delivered_at: time.nullable(),
  }),
  order_lines: z.strictObject({
    id,
    order_id: id,
    branch_id: id,
    line_no: z.number().int(),
    product_id: id,
    qty: z.number().int().positive(),
    cancelled_qty: z.number().int().nonnegative(),
    unit_price_ore: ore,
    status: orderLineStatusSchema,
    shipment_id: ref,
  }),
  invoices: z.strictObject({
    id,
    invoice_number: z.string(),
    shipment_id: id,
    order_id: id,
    branch_id: id,
    amount_ore: ore,
    issued_at: time,
    emailed_at: time.nullable(),
  }),
  returns: z.strictObject({
    id,
    return_number: z.string(),
    order_id: id,
    customer_id: id,
    branch_id: id,
    kind: z.enum(['return', 'warranty']),
    status: z.enum(['requested', 'authorized', 'received', 'refunded', 'rejected']),
    reason: z.string().nullable(),
    own_carrier: z.boolean(),
    requested_at: time,
    decided_at: time.nullable(),
    decided_by: ref,
    rejection_reason: z.string().nullable(),
  }),
  return_lines: z.strictObject({ id, return_id: id, branch_id: id, order_line_id: id, qty: z.number().int().positive() }),
  contact_messages: z.strictObject({
    id,
    customer_id: ref,
    order_id: ref,
    branch_id: ref,
    category: z.enum(['cancellation', 'return', 'complaint', 'data_deletion', 'migration', 'order_change', 'general']),
    sender_name: z.string(),
    sender_email: z.string(),
    subject: z.string(),
    body: z.string(),
    received_at: time,
    status: z.enum(['new', 'in_progress', 'closed']),
    assignee_id: ref,
  }),
  loyalty_tier_changes: z.strictObject({
    id,
    customer_id: id,
    branch_id: id,
    from_tier: tier,
    to_tier: tier,
    reason: z.string(),
    changed_by: id,
    changed_at: time,
  }),
  migration_events: z.strictObject({
    id,
    customer_id: id,
    branch_id: id,
    action: z.string(),
    from_state: z.string(),
    to_state: z.string(),
    reason: z.string().nullable(),
    actor_kind: z.enum(['staff', 'customer', 'system']),
    actor_id: ref,
    at: time,
  }),
} as const;

/** Name of a synced table. */
export type SyncTableName = keyof typeof syncRowSchemas;

/** All synced table names, in an order where referenced tables come first. */
export const syncTableNames = Object.keys(syncRowSchemas) as [SyncTableName, ...SyncTableName[]];

/** Validates a table name on the wire. */
export const syncTableNameSchema = z.enum(syncTableNames);

/** The wire row of table `T`. */
export type SyncRow<T extends SyncTableName> = z.infer<(typeof syncRowSchemas)[T]>;
