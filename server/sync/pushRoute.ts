import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { PushResponse } from '../../electron/shared/protocol/sync';
import { staffOf } from '../auth';
import type { Database } from '../db';
import { pushMutations } from './push';

// A day offline is a few hundred small mutations; 1000 comments of 10 000 characters would not
// fit, and a 413 tells the client to send smaller batches.
const PUSH_BODY_LIMIT = 4 * 1024 * 1024;

/** Registers `POST /v1/sync/push`; staff auth guards it (registerAuthRoutes guards /v1/sync/*). */
export function registerPushRoute(app: FastifyInstance, db: Kysely<Database>): void {
  app.post('/v1/sync/push', { bodyLimit: PUSH_BODY_LIMIT }, async function push(request): Promise<PushResponse> {
    return pushMutations(db, staffOf(request), request.body);
  });
}
