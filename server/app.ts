import Fastify, { type FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { healthResponseSchema, type HealthResponse } from '../electron/shared/protocol/health';
import type { Database, DbKind } from './db';
import { handleClientError, handleFrameworkError, HttpError, registerErrorHandling } from './errors';

/** What the HTTP app needs: an open, already-migrated database and facts to report. */
export interface BuildServerOptions {
  db: Kysely<Database>;
  dbKind: DbKind;
  version: string;
  /** pino level for Fastify's logger (written to stderr); default 'error', 'silent' for none. */
  logLevel?: string;
}

/** Builds the Fastify app with every route registered; the caller decides when to listen. */
export function buildServer(options: BuildServerOptions): FastifyInstance {
  const app = Fastify({
    logger: { level: options.logLevel ?? 'error', stream: process.stderr },
    // Fastify's built-in 503-while-closing body is not the protocol's error shape; requests that
    // arrive during shutdown are served instead, since the database closes only after Fastify.
    return503OnClosing: false,
    frameworkErrors: handleFrameworkError,
    clientErrorHandler: handleClientError,
  });
  registerErrorHandling(app);

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
