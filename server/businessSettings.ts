import type { Kysely } from 'kysely';
import { z } from 'zod';
import { osloDate } from '../electron/shared/domain/calendar';
import { DEFAULT_TIER_THRESHOLDS, tierThresholdsSchema, type TierThresholds } from '../electron/shared/domain/loyalty';
import { businessSettingsSchema, type BusinessSettings } from '../electron/shared/protocol/settings';
import type { Database } from './db';

// The business's settings staff work by (docs/business-settings.md): tier-suggestion thresholds
// and the planned period of the move to the new webshop. Checked when the service is built, so
// a wrong setting stops the start with a message saying which one and why, instead of showing
// staff wrong figures later.

/** The planned migration period lasts this many months unless configured (domain.md: two months). */
export const MIGRATION_PLAN_MONTHS = 2;

/** The settings as configured: what is left out is worked out per request (the plan's default start). */
export interface BusinessConfig {
  tierThresholds: TierThresholds;
  /** The configured plan; `end` left out = start + {@link MIGRATION_PLAN_MONTHS}; null = from the database. */
  migrationPlan: { start: string; end: string } | null;
}

const dateSchema = z.iso.date();
const planSchema = businessSettingsSchema.shape.migrationPlan.refine((plan) => plan.start < plan.end, { error: 'the plan must end after it starts' });

/**
 * The business settings from `options` (BuildServerOptions.business), else env TIER_THRESHOLDS
 * (JSON), MIGRATION_PLAN_START and MIGRATION_PLAN_END (YYYY-MM-DD), else the defaults. Throws an
 * Error naming the setting when one is invalid.
 */
export function businessConfig(options: Partial<BusinessSettings> = {}, env: NodeJS.ProcessEnv = process.env): BusinessConfig {
  return { tierThresholds: thresholdsOf(options, env), migrationPlan: planOf(options, env) };
}

function thresholdsOf(options: Partial<BusinessSettings>, env: NodeJS.ProcessEnv): TierThresholds {
  if (options.tierThresholds !== undefined) return checked(tierThresholdsSchema, options.tierThresholds, 'business.tierThresholds');
  const text = env.TIER_THRESHOLDS?.trim();
  if (!text) return DEFAULT_TIER_THRESHOLDS;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`TIER_THRESHOLDS is not valid JSON (${error instanceof Error ? error.message : String(error)}). ${THRESHOLDS_EXAMPLE}`, { cause: error });
  }
  return checked(tierThresholdsSchema, value, 'TIER_THRESHOLDS');
}

function planOf(options: Partial<BusinessSettings>, env: NodeJS.ProcessEnv): BusinessConfig['migrationPlan'] {
  if (options.migrationPlan !== undefined) return checked(planSchema, options.migrationPlan, 'business.migrationPlan');
  const start = env.MIGRATION_PLAN_START?.trim();
  const end = env.MIGRATION_PLAN_END?.trim();
  if (!start) {
    if (end) throw new Error('MIGRATION_PLAN_END is set without MIGRATION_PLAN_START: set both, only the start (the end is then two months later), or neither.');
    return null;
  }
  checked(dateSchema, start, 'MIGRATION_PLAN_START');
  if (!end) return { start, end: addMonths(start, MIGRATION_PLAN_MONTHS) };
  checked(dateSchema, end, 'MIGRATION_PLAN_END');
  if (end <= start) throw new Error(`MIGRATION_PLAN_END (${end}) must be after MIGRATION_PLAN_START (${start}).`);
  return { start, end };
}

const THRESHOLDS_EXAMPLE =
  'Expected e.g. {"gold":{"minOrders":12,"minValueOre":25000000},"platinum":{"minOrders":36,"minValueOre":100000000}}, values whole numbers, platinum at least gold.';

function checked<S extends z.ZodType>(schema: S, value: unknown, name: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const detail = result.error.issues.map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message)).join('; ');
  const hint = name.toLowerCase().includes('threshold') ? ` ${THRESHOLDS_EXAMPLE}` : name.startsWith('MIGRATION') ? ' Expected a date YYYY-MM-DD.' : '';
  throw new Error(`${name} is not valid (${detail}).${hint}`);
}

/**
 * `date` plus `months`, the same day of the month; a day the month does not have becomes its
 * last (2026-12-31 + 2 months = 2027-02-28), so the period never spills into a third month.
 */
export function addMonths(date: string, months: number): string {
  const [y = 0, m = 1, d = 1] = date.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, lastDay));
  return first.toISOString().slice(0, 10);
}

/**
 * The settings as `GET /v1/sync/settings` answers them. Without a configured plan it starts on
 * the Oslo date of the first `switch_on` in the migration history (the day the move began),
 * today when nobody has been switched on yet, and lasts {@link MIGRATION_PLAN_MONTHS} months.
 */
export async function currentBusinessSettings(db: Kysely<Database>, config: BusinessConfig, now: Date = new Date()): Promise<BusinessSettings> {
  const plan = config.migrationPlan ?? (await defaultPlan(db, now));
  return businessSettingsSchema.parse({ tierThresholds: config.tierThresholds, migrationPlan: plan });
}

async function defaultPlan(db: Kysely<Database>, now: Date): Promise<{ start: string; end: string }> {
  const row = await db
    .selectFrom('migration_events')
    .select((eb) => eb.fn.min('at').as('first'))
    .where('action', '=', 'switch_on')
    .executeTakeFirst();
  const first = row?.first ?? null;
  const start = osloDate(first === null ? now : new Date(first));
  return { start, end: addMonths(start, MIGRATION_PLAN_MONTHS) };
}
