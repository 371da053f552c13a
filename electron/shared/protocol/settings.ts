import { z } from 'zod';
import { DEFAULT_TIER_THRESHOLDS, tierThresholdsSchema } from '../domain/loyalty';

/**
 * `GET /v1/sync/settings` (bearer token): the business's settings every staff member works by,
 * configured on the service (docs/business-settings.md). The client keeps the last answer in its
 * cache, so the figures they feed (tier suggestions, migration progress) work offline too.
 */
export const businessSettingsSchema = z
  .strictObject({
    /** What the last 12 months' orders must reach for gold and platinum (tier suggestions). */
    tierThresholds: tierThresholdsSchema,
    /** The planned period of the move to the new webshop (domain.md: two months), Oslo dates. */
    migrationPlan: z.strictObject({ start: z.iso.date(), end: z.iso.date() }),
  })
  .refine((s) => s.migrationPlan.start < s.migrationPlan.end, { error: 'The migration plan must end after it starts.' });

/** The business settings. */
export type BusinessSettings = z.infer<typeof businessSettingsSchema>;

/** The thresholds a client uses before it has ever fetched the service's. */
export { DEFAULT_TIER_THRESHOLDS };
