import Fastify, { type FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { healthResponseSchema, type HealthResponse } from '../electron/shared/protocol/health';
import type { BusinessSettings } from '../electron/shared/protocol/settings';
import { createAuthDeps, registerAuthRoutes, type AuthOptions } from './auth';
import { businessConfig } from './businessSettings';
import type { Database, DbKind } from './db';
import { handleClientError, handleFrameworkError, HttpError, registerErrorHandling } from './errors';
import { createShopDeps, registerShopRoutes, type ShopOptions } from './shop';
import { registerEventsRoute, type EventsRouteOptions } from './sync/eventsRoute';
import { registerPullRoute, type PullRouteOptions } from './sync/pullRoute';
import { registerPushRoute } from './sync/pushRoute';
import { registerSettingsRoute } from './sync/settingsRoute';
import { registerWarehouseRoutes } from './warehouse';

/** What the HTTP app needs: an open, already-migrated database and facts to report. */
export interface BuildServerOptions {
  db: Kysely<Database>;
  dbKind: DbKind;
  version: string;
  /** pino level for Fastify's logger (written to stderr); default 'error', 'silent' for none. */
  logLevel?: string;
  /** Token secret and clock for staff auth; default env AUTH_SECRET (else kept in the database), real time. */
  auth?: AuthOptions;
  /** Page and batch sizes of pulls; defaults in server/sync/pull.ts. */
  pull?: PullRouteOptions;
  /** The change feed behind live pokes (owned by the app from here on) and stream timings. */
  events?: EventsRouteOptions;
  /** Keys, clock and prices of the shop and warehouse sides; default env keys (else kept in the database). */
  shop?: ShopOptions;
  /**
   * Tier thresholds and the migration plan (docs/business-settings.md); default env
   * TIER_THRESHOLDS, MIGRATION_PLAN_START / MIGRATION_PLAN_END, else the defaults.
   */
  business?: Partial<BusinessSettings>;
}

/** Builds the Fastify app with every route registered; the caller decides when to listen. */
export function buildServer(options: BuildServerOptions): FastifyInstance {
  // First: an invalid setting throws here, so the service refuses to start and says which.
  const business = businessConfig(options.business);
  const app = Fastify({
    logger: { level: options.logLevel ?? 'error', stream: process.stderr },
    // Fastify's built-in 503-while-closing body is not the protocol's error shape; requests that
    // arrive during shutdown are served instead, since the database closes only after Fastify.
    return503OnClosing: false,
    frameworkErrors: handleFrameworkError,
    clientErrorHandler: handleClientError,
  });
  registerErrorHandling(app);
  // Also guards every /v1/sync/* route, whenever it is registered.
  registerAuthRoutes(app, createAuthDeps(options.db, options.auth));
  registerPushRoute(app, options.db);
  // PGlite is one connection: a pull there cannot read with a second one.
  const pullReaders = options.dbKind === 'pglite' ? { readers: 1 } : {};
  registerPullRoute(app, options.db, { ...options.pull, limits: { ...pullReaders, ...options.pull?.limits } });
  registerEventsRoute(app, options.db, options.events);
  registerSettingsRoute(app, options.db, business);
  // Each side is guarded by its own key (server/shop/keys.ts), never by a staff login.
  const sides = createShopDeps(options.db, options.shop);
  registerShopRoutes(app, sides);
  registerWarehouseRoutes(app, sides);

  app.get('/v1/health', async function health(): Promise<HealthResponse> {
    // Ask the database, so a health check fails when the service could not do real work.
    try {
      await sql`select 1`.execute(options.db);
    } catch (error) {
      throw new HttpError(503, 'DB_UNAVAILABLE', 'The service cannot reach its database right now. Try again shortly.', {
        cause: error,
      });
    }
    return healthResponseSchema.parse({ status: 'ok', version: options.version, db: options.dbKind });
  });

  return app;
}
