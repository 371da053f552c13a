import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { BusinessSettings } from '../../electron/shared/protocol/settings';
import { staffOf } from '../auth';
import { currentBusinessSettings, type BusinessConfig } from '../businessSettings';
import type { Database } from '../db';

/**
 * Registers `GET /v1/sync/settings` (docs/business-settings.md): the business settings every
 * staff member works by. Staff auth guards it like every /v1/sync/* route (registerAuthRoutes).
 */
export function registerSettingsRoute(app: FastifyInstance, db: Kysely<Database>, config: BusinessConfig): void {
  app.get('/v1/sync/settings', async function settings(request): Promise<BusinessSettings> {
    staffOf(request);
    return currentBusinessSettings(db, config);
  });
}
