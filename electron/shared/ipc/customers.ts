import { z } from 'zod';
import { businessSettingsSchema } from '../protocol/settings';
import { submitMutationInputSchema } from './mutationInput';
import { loyaltyTierSchema, migrationStateSchema, quoteStatusSchema } from '../sync/rows';

// The customer register and the move to the new webshop (issue 6): what the renderer reads from
// the cache through the core. Writes are mutations (`customer.setTier`, `customer.setMigration`
// through `mutation.submit` or, for a bulk switch-on, `mutation.submitMany`).

const id = z.string().min(1).max(100);
const count = z.number().int().nonnegative();
const ore = z.number().int().nonnegative();
const isoTime = z.string();

/** `customers.search`'s input: words to find (empty: the first customers by name). */
export const customerSearchInputSchema = z.strictObject({
  query: z.string().max(200),
  /** At most this many rows (default 200). */
  limit: z.number().int().min(1).max(1_000).optional(),
});

/** One search hit. */
export const customerSearchRowSchema = z.strictObject({
  id,
  customerNumber: z.string(),
  orgNumber: z.string(),
  name: z.string(),
  /** The business address's city; null without one. */
  city: z.string().nullable(),
  loyaltyTier: loyaltyTierSchema,
  branchId: z.string(),
  branchName: z.string(),
  consultantName: z.string().nullable(),
  migrationState: migrationStateSchema,
  /** A company user's e-mail the query matched (so staff see why the customer is listed). */
  matchedEmail: z.string().nullable(),
});

/** `customers.search`'s answer; `total` counts every match, `rows` the first `limit` of them. */
export const customerSearchSchema = z.strictObject({ rows: z.array(customerSearchRowSchema), total: count, asOf: isoTime });

/** An address of the customer. */
export const customerAddressSchema = z.strictObject({
  id,
  kind: z.enum(['business', 'billing', 'delivery']),
  name: z.string().nullable(),
  line1: z.string(),
  line2: z.string().nullable(),
  postalCode: z.string(),
  city: z.string(),
  country: z.string(),
});

/** A company user (the customer's employee with a login). */
export const companyUserSchema = z.strictObject({
  id,
  name: z.string(),
  email: z.string(),
  role: z.enum(['admin', 'purchaser', 'viewer']),
  oldShopUsername: z.string().nullable(),
  newShopActivatedAt: z.string().nullable(),
});

/** A loyalty tier change in the customer's history. */
export const tierChangeSchema = z.strictObject({
  id,
  at: isoTime,
  fromTier: loyaltyTierSchema,
  toTier: loyaltyTierSchema,
  reason: z.string(),
  changedByName: z.string(),
  /** Made here and not yet accepted by the server. */
  pending: z.boolean(),
});

/** A step in the customer's move to the new webshop. */
export const migrationEventSchema = z.strictObject({
  id,
  at: isoTime,
  /** `migration_events.action`: switch_on, form_submitted, activation_resent, … */
  action: z.string(),
  fromState: z.string(),
  toState: z.string(),
  reason: z.string().nullable(),
  actorKind: z.enum(['staff', 'customer', 'system']),
  actorName: z.string().nullable(),
  pending: z.boolean(),
});

/** The tier the last 12 months' orders suggest, with why. Never applied by itself. */
export const tierSuggestionSchema = z.strictObject({
  tier: loyaltyTierSchema,
  orders: count,
  valueOre: ore,
  /** "42 ordrer, NOK 1,2 mill. siste 12 mnd. → gull". */
  explanation: z.string(),
});

/** `customers.get`'s answer: everything the customer page shows. */
export const customerDetailSchema = z.strictObject({
  customer: z.strictObject({
    id,
    customerNumber: z.string(),
    orgNumber: z.string(),
    name: z.string(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    loyaltyTier: loyaltyTierSchema,
    branchId: z.string(),
    branchName: z.string(),
    consultantId: z.string().nullable(),
    consultantName: z.string().nullable(),
    migrationState: migrationStateSchema,
    migrationDeferredUntil: z.string().nullable(),
    oldShopAccess: z.boolean(),
    createdAt: isoTime,
    /** A queued (not yet pushed) action of this staff member concerns the customer. */
    pending: z.boolean(),
  }),
  addresses: z.array(customerAddressSchema),
  users: z.array(companyUserSchema),
  orders: z.strictObject({
    total: count,
    last12Months: count,
    value12MonthsOre: ore,
    /** Orders with a line not yet shipped or cancelled. */
    open: count,
    lastPlacedAt: isoTime.nullable(),
    recent: z.array(
      z.strictObject({ id, orderNumber: z.string(), placedAt: isoTime, lineCount: count, valueOre: ore, openLines: count }),
    ),
  }),
  quotes: z.strictObject({
    total: count,
    open: count,
    recent: z.array(z.strictObject({ id, quoteNumber: z.string(), status: quoteStatusSchema, requestedAt: isoTime })),
  }),
  tierHistory: z.array(tierChangeSchema),
  tierSuggestion: tierSuggestionSchema,
  migrationHistory: z.array(migrationEventSchema),
});

/** A customer whose suggested tier differs from their tier. */
export const tierSuggestionRowSchema = z.strictObject({
  customerId: id,
  customerNumber: z.string(),
  name: z.string(),
  branchName: z.string(),
  loyaltyTier: loyaltyTierSchema,
  suggestion: tierSuggestionSchema,
});

/** `customers.tierSuggestions`'s answer. */
export const tierSuggestionListSchema = z.strictObject({
  rows: z.array(tierSuggestionRowSchema),
  thresholds: businessSettingsSchema.shape.tierThresholds,
  asOf: isoTime,
});

/** A customer stuck in the move: invited without a form for 7 days, or a form not activated in 2. */
export const stuckCustomerSchema = z.strictObject({
  customerId: id,
  customerNumber: z.string(),
  name: z.string(),
  branchName: z.string(),
  state: z.enum(['switched_on', 'form_submitted']),
  since: isoTime,
  days: count,
});

/** `migration.overview`: the branch staff's picture of the move. */
export const migrationOverviewSchema = z.strictObject({
  /** Customers per branch and state (only non-zero cells). */
  counts: z.array(z.strictObject({ branchId: z.string(), branchName: z.string(), state: migrationStateSchema, count })),
  total: count,
  /** Activated or old-shop re-activated. */
  moved: count,
  plan: businessSettingsSchema.shape.migrationPlan,
  /** One point per week of the plan (and up to today if later): moved by then, and the plan's straight line. */
  progress: z.array(z.strictObject({ date: z.iso.date(), moved: count, planned: count })),
  stuck: z.array(stuckCustomerSchema),
  asOf: isoTime,
});

/** `migration.customers`' input: the customers a bulk switch-on picks from. */
export const migrationCustomersInputSchema = z.strictObject({
  states: z.array(migrationStateSchema).max(7),
  branchId: id.nullable(),
  query: z.string().max(200),
});

/** One customer in the migration list. */
export const migrationCustomerRowSchema = z.strictObject({
  customerId: id,
  customerNumber: z.string(),
  name: z.string(),
  branchId: z.string(),
  branchName: z.string(),
  state: migrationStateSchema,
  /** When the customer entered its state (its last migration event), or null. */
  since: isoTime.nullable(),
  deferredUntil: z.string().nullable(),
  pending: z.boolean(),
});

/** `mutation.submitMany`'s answer: each mutation's seq, or why it was refused here (nothing queued for it). */
export const submitManyResultSchema = z.strictObject({
  results: z.array(z.union([z.strictObject({ seq: z.number().int().positive() }), z.strictObject({ code: z.string(), message: z.string() })])),
});

/** The customer and migration calls of the IPC contract (merged into `ipcCalls`). */
export const customerCalls = {
  'customers.search': { input: customerSearchInputSchema, output: customerSearchSchema.nullable() },
  'customers.get': { input: z.strictObject({ customerId: id }), output: customerDetailSchema.nullable() },
  'customers.tierSuggestions': { input: z.strictObject({ branchId: id.nullable() }), output: tierSuggestionListSchema.nullable() },
  'migration.overview': { input: z.strictObject({ branchId: id.nullable() }), output: migrationOverviewSchema.nullable() },
  'migration.customers': {
    input: migrationCustomersInputSchema,
    output: z.strictObject({ rows: z.array(migrationCustomerRowSchema), asOf: isoTime }).nullable(),
  },
  /** The business settings in force (the service's last answer, or the defaults before one). */
  'settings.get': { input: z.strictObject({}), output: businessSettingsSchema.extend({ fetchedAt: isoTime.nullable() }) },
  /** Several staff actions queued at once (a bulk switch-on), each with its own local effect. */
  'mutation.submitMany': { input: z.strictObject({ mutations: z.array(submitMutationInputSchema).min(1).max(5_000) }), output: submitManyResultSchema },
} as const;

export type CustomerSearchRow = z.infer<typeof customerSearchRowSchema>;
export type CustomerSearch = z.infer<typeof customerSearchSchema>;
export type CustomerDetail = z.infer<typeof customerDetailSchema>;
export type TierSuggestionList = z.infer<typeof tierSuggestionListSchema>;
export type MigrationOverview = z.infer<typeof migrationOverviewSchema>;
export type MigrationCustomerRow = z.infer<typeof migrationCustomerRowSchema>;
export type StuckCustomer = z.infer<typeof stuckCustomerSchema>;
