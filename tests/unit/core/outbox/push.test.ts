import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { SyncHttpError } from '../../../../electron/core/sync/http';
import { nextRetryDelay, pushOutbox, PushError } from '../../../../electron/core/sync/push';
import { pushRequestSchema, SYNC_SCHEMA_VERSION, type PushRequest } from '../../../../electron/shared/protocol/sync';
import { at, KARI, useOutboxWorld, type OutboxWorld } from './outboxFixture';

// pushOutbox against a scripted HTTP server on loopback: what it sends, and how it takes each
// kind of answer. The real service is in tests/integration/core/outbox.test.ts.

type Reply = (request: PushRequest, headers: IncomingMessage['headers']) => { status: number; body: unknown };

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
});

async function serve(reply: Reply): Promise<{ url: string; requests: PushRequest[] }> {
  const requests: PushRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = pushRequestSchema.parse(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      requests.push(request);
      const answer = reply(request, req.headers);
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer.body));
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}

const applyAll: Reply = (request) => ({ status: 200, body: { results: request.mutations.map((m) => ({ seq: m.seq, status: 'applied' })) } });

function queue(world: OutboxWorld, count: number): void {
  for (let n = 1; n <= count; n++) world.outbox.submit('quote.comment', { quoteId: 'q1', commentId: `k${n}`, body: `Kommentar ${n}` }, KARI, at(n));
}

function attempts(world: OutboxWorld): unknown[] {
  return world.cache.sqlite.prepare('SELECT seq, attempts, last_error IS NOT NULL AS failed FROM outbox ORDER BY seq').all();
}

describe('pushOutbox', () => {
  const worlds = useOutboxWorld();
  const clientId = randomUUID();

  it('sends the queue in seq order, in batches, with the protocol’s envelope and the bearer token', async () => {
    const world = worlds.open();
    queue(world, 5);
    const server = await serve((request, headers) => {
      expect(headers.authorization).toBe('Bearer tok');
      return applyAll(request, headers);
    });
    const outcome = await pushOutbox(world.outbox, { baseUrl: server.url, accessToken: 'tok', clientId }, { batchSize: 2 });
    expect(outcome).toEqual({ sent: 5, applied: 5, rejected: 0, tables: ['quote_comments', 'quotes'] });
    expect(server.requests.map((request) => request.mutations.map((m) => m.seq))).toEqual([[1, 2], [3, 4], [5]]);
    expect(server.requests[0]).toEqual({
      clientId,
      schemaVersion: SYNC_SCHEMA_VERSION,
      mutations: [
        { seq: 1, name: 'quote.comment', args: { quoteId: 'q1', commentId: 'k1', body: 'Kommentar 1' }, at: at(1) },
        { seq: 2, name: 'quote.comment', args: { quoteId: 'q1', commentId: 'k2', body: 'Kommentar 2' }, at: at(2) },
      ],
    });
    expect(world.outbox.stats().queueDepth).toBe(0);
    expect(await pushOutbox(world.outbox, { baseUrl: server.url, accessToken: 'tok', clientId })).toEqual({ sent: 0, applied: 0, rejected: 0, tables: [] });
    expect(server.requests).toHaveLength(3);
  });

  it('moves rejections to Needs attention with the server’s message', async () => {
    const world = worlds.open();
    queue(world, 2);
    const server = await serve(() => ({
      status: 200,
      body: { results: [{ seq: 1, status: 'applied' }, { seq: 2, status: 'rejected', code: 'FORBIDDEN', message: 'Du har ikke tilgang.' }] },
    }));
    expect(await pushOutbox(world.outbox, { baseUrl: server.url, accessToken: 'tok', clientId })).toMatchObject({ sent: 2, applied: 1, rejected: 1 });
    expect(world.outbox.listNeedsAttention()).toMatchObject([{ seq: 2, code: 'FORBIDDEN', message: 'Du har ikke tilgang.' }]);
    expect(world.all('quote_comments')).toHaveLength(1);
  });

  it('reports a seq gap as a PushError that says to stop, keeping the queue', async () => {
    const world = worlds.open();
    queue(world, 2);
    const server = await serve(() => ({ status: 409, body: { error: { code: 'SEQ_GAP', message: 'Handling nr. 1 fra denne klienten mangler.' } } }));
    const error: unknown = await pushOutbox(world.outbox, { baseUrl: server.url, accessToken: 'tok', clientId }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PushError);
    expect(error).toMatchObject({ code: 'SEQ_GAP', retryable: false });
    expect((error as PushError).message).toContain('Handling nr. 1 fra denne klienten mangler.');
    expect(attempts(world)).toEqual([
      { seq: 1, attempts: 1, failed: 1 },
      { seq: 2, attempts: 1, failed: 1 },
    ]);
  });

  it('throws the service’s 401 as it is, so the caller refreshes the token; nothing is lost', async () => {
    const world = worlds.open();
    queue(world, 1);
    const server = await serve(() => ({ status: 401, body: { error: { code: 'TOKEN_EXPIRED', message: 'Innloggingen er utløpt.' } } }));
    await expect(pushOutbox(world.outbox, { baseUrl: server.url, accessToken: 'old', clientId })).rejects.toMatchObject({ status: 401, code: 'TOKEN_EXPIRED' });
    expect(world.outbox.stats().queueDepth).toBe(1);
  });

  it('throws an offline SyncHttpError when nobody answers, keeping the queue for the next try', async () => {
    const world = worlds.open();
    queue(world, 1);
    const server = await serve(applyAll);
    const url = server.url;
    await new Promise((resolve) => servers.pop()?.close(resolve));
    const error: unknown = await pushOutbox(world.outbox, { baseUrl: url, accessToken: 'tok', clientId }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SyncHttpError);
    expect((error as SyncHttpError).offline).toBe(true);
    expect(attempts(world)).toEqual([{ seq: 1, attempts: 1, failed: 1 }]);
    expect(world.quote('q1')).toMatchObject({ unread_customer_comments: 0 });
  });

  it('refuses an answer outside the protocol, or one without a result for anything sent', async () => {
    const world = worlds.open();
    queue(world, 1);
    const odd = await serve(() => ({ status: 200, body: { results: [{ seq: 1, status: 'maybe' }] } }));
    await expect(pushOutbox(world.outbox, { baseUrl: odd.url, accessToken: 'tok', clientId })).rejects.toMatchObject({ code: 'BAD_RESPONSE' });
    const silent = await serve(() => ({ status: 200, body: { results: [{ seq: 99, status: 'applied' }] } }));
    await expect(pushOutbox(world.outbox, { baseUrl: silent.url, accessToken: 'tok', clientId })).rejects.toMatchObject({ code: 'BAD_RESPONSE' });
    expect(world.outbox.stats().queueDepth).toBe(1);
  });
});

describe('nextRetryDelay', () => {
  it('draws up to 1 s, 2 s, 4 s … (attempt 0 = the first retry) capped at 60 s', () => {
    const ceilings = [0, 1, 2, 3, 4, 5, 6, 7, 30].map((attempt) => nextRetryDelay(attempt, () => 1));
    expect(ceilings).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000]);
    expect(nextRetryDelay(2, () => 0)).toBe(0);
    expect(nextRetryDelay(2, () => 0.5)).toBe(2_000);
  });

  it('stays within bounds for any attempt number and any random draw', () => {
    for (const attempt of [-5, 0, 1, 2.5, 1e9, Number.NaN, Infinity]) {
      for (const draw of [0, 0.3, 0.999_999, 1, 2, -1, Number.NaN]) {
        const delay = nextRetryDelay(attempt, () => draw);
        expect(delay, `${attempt}/${draw}`).toBeGreaterThanOrEqual(0);
        expect(delay, `${attempt}/${draw}`).toBeLessThanOrEqual(60_000);
      }
    }
    expect(nextRetryDelay(10, () => 1, { baseMs: 100, maxMs: 5_000 })).toBe(5_000);
  });
});
