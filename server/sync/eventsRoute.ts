import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { requireStaff, staffOf, type StaffPrincipal } from '../auth';
import type { Database } from '../db';
import { HttpError } from '../errors';
import type { ChangeFeed } from './events';
import { pollChanges } from './eventsFeeds';
import { canSeeChange } from './visibility';

/** Tuning of `GET /v1/sync/events`; every field has a default. */
export interface EventsRouteOptions {
  /**
   * Where changes come from; the app closes it when it closes. Default: polling the version
   * sequence (see pollChanges), for callers that cannot hand over a LISTEN connection.
   */
  feed?: ChangeFeed;
  /** A `: keepalive` comment this often. Default 10 s (the protocol asks for at least every 15 s). */
  keepaliveMs?: number;
  /** At most one poke per stream this often; a burst of changes is one pull. Default 250 ms. */
  pokeIntervalMs?: number;
  /**
   * A stream ends after this long and the client reconnects, so a login that ended or a role
   * that changed since stops (or re-scopes) its pokes. Default 15 min, an access token's life.
   */
  maxStreamMs?: number;
}

const POKE = 'event: poke\ndata: {}\n\n';
const KEEPALIVE = ': keepalive\n\n';
// A client that lets this much pile up is not reading: drop it rather than buffer forever.
const MAX_BUFFERED_BYTES = 64 * 1024;

/** Registers `GET /v1/sync/events` (protocol.md, "Live events"), behind staff auth. */
export function registerEventsRoute(app: FastifyInstance, db: Kysely<Database>, options: EventsRouteOptions = {}): void {
  const feed = options.feed ?? pollChanges(db, 1_000, (error) => app.log.warn({ err: error }, 'change polling failed'));
  const streams = new Set<ServerResponse>();
  let closing = false;

  // Event streams never end by themselves; closing the app must end them or it would wait forever.
  app.addHook('preClose', async function endEventStreams() {
    closing = true;
    for (const stream of streams) stream.end();
  });
  app.addHook('onClose', async function closeChangeFeed() {
    await feed.close();
  });

  app.get('/v1/sync/events', { exposeHeadRoute: false, preHandler: requireStaff }, async function events(request, reply): Promise<void> {
    const principal = staffOf(request);
    // A stream opened after the others were ended would keep the closing app waiting.
    if (closing) throw new HttpError(503, 'SHUTTING_DOWN', 'The service is restarting. Reconnect in a moment.');
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      // One response per connection: when the stream ends, so does the connection.
      connection: 'close',
      'x-accel-buffering': 'no',
    });
    raw.write(': connected\n\n');
    streams.add(raw);
    const stop = startStream(raw, feed, principal, options);
    raw.on('close', () => {
      streams.delete(raw);
      stop();
    });
  });
}

// Wires one open stream to the feed and its timers; returns the function that unwires it.
function startStream(raw: ServerResponse, feed: ChangeFeed, principal: StaffPrincipal, options: EventsRouteOptions): () => void {
  const pokeIntervalMs = options.pokeIntervalMs ?? 250;
  let lastPoke = 0;
  let pending: NodeJS.Timeout | undefined;

  function send(text: string): void {
    if (raw.writableEnded || raw.destroyed) return;
    if (raw.writableLength > MAX_BUFFERED_BYTES) {
      raw.destroy();
      return;
    }
    raw.write(text);
  }
  function poke(): void {
    pending = undefined;
    lastPoke = Date.now();
    send(POKE);
  }
  // Leading and trailing: the first change pokes at once, a burst after it pokes once more.
  function onChange(): void {
    if (pending !== undefined) return;
    const wait = lastPoke + pokeIntervalMs - Date.now();
    if (wait <= 0) poke();
    else pending = setTimeout(poke, wait);
  }

  const unsubscribe = feed.subscribe((branches) => {
    if (canSeeChange(principal, branches)) onChange();
  });
  const keepalive = setInterval(() => send(KEEPALIVE), options.keepaliveMs ?? 10_000);
  const lifetime = setTimeout(() => raw.end(), options.maxStreamMs ?? 15 * 60_000);
  return () => {
    unsubscribe();
    clearInterval(keepalive);
    clearTimeout(lifetime);
    clearTimeout(pending);
  };
}
