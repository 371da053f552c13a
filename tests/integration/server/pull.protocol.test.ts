import { randomUUID } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBodySchema } from '../../../electron/shared/protocol/errors';
import { pruneTombstones } from '../../../server/sync/pullPrune';
import { BACKENDS, useTestDatabases } from './backends';
import {
  cursorOf,
  delKeys,
  pullAll,
  pullOnce,
  rawRequest,
  seedSyncWorld,
  startSyncInstance,
  SYNC_STAFF,
  tokenFor,
  type RawAnswer,
  type SyncInstance,
} from './pullFixture';

function errorCode(answer: RawAnswer): string {
  return errorBodySchema.parse(JSON.parse(answer.body.toString('utf8'))).error.code;
}

describe.each(BACKENDS)('GET /v1/sync/pull protocol (%s)', (kind) => {
  const databases = useTestDatabases(kind);
  let instance: SyncInstance;
  let failBatch: number | undefined;
  let consultant: string;
  let service: string;

  beforeAll(async () => {
    // Small batches, so a pull has several and one can be failed on purpose.
    instance = await startSyncInstance(databases.config(), {
      pull: {
        limits: {
          batchRows: 4,
          beforeBatch(index) {
            if (index === failBatch) throw new Error('injected failure');
          },
        },
      },
    });
    await seedSyncWorld(instance.db);
    consultant = await tokenFor(instance, 'consultantA');
    service = await tokenFor(instance, 'service');
  });
  afterAll(async () => {
    await instance?.close();
  });

  it('refuses a request without a token with 401 UNAUTHENTICATED', async () => {
    const answer = await rawRequest(instance, 'GET', '/v1/sync/pull?schemaVersion=1');
    expect(answer.status).toBe(401);
    expect(errorCode(answer)).toBe('UNAUTHENTICATED');
  });

  it.each([
    ['no schemaVersion', ''],
    ['a schemaVersion that is no number', 'schemaVersion=abc'],
    ['a negative schemaVersion', 'schemaVersion=-1'],
    ['an unknown parameter', 'schemaVersion=1&since=4'],
    ['a malformed cursor', 'schemaVersion=1&cursor=garbage'],
    ['a cursor naming no table', 'schemaVersion=1&cursor=v1.all.0.9.nosuchtable.0'],
    ['a cursor outside its own window', 'schemaVersion=1&cursor=v1.all.5.9.customers.2'],
  ])('answers %s with 400 INVALID_REQUEST', async (_what, query) => {
    const answer = await rawRequest(instance, 'GET', `/v1/sync/pull?${query}`, { headers: { authorization: `Bearer ${service}` } });
    expect(answer.status).toBe(400);
    expect(errorCode(answer)).toBe('INVALID_REQUEST');
  });

  it('answers an X-Client-Id that is no UUID with 400 INVALID_REQUEST', async () => {
    const answer = await pullOnce(instance, service, { clientId: 'not-a-uuid' });
    expect(answer.status).toBe(400);
  });

  it('answers a schemaVersion below the minimum with 426 CLIENT_OUTDATED', async () => {
    const answer = await pullOnce(instance, service, { schemaVersion: '0' });
    expect(answer.status).toBe(426);
    expect(errorCode(answer)).toBe('CLIENT_OUTDATED');
  });

  it('gzips the stream when the request accepts it, and only then', async () => {
    const plain = await pullOnce(instance, service);
    const zipped = await pullOnce(instance, service, { gzip: true });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.body.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect(gunzipSync(zipped.body).length).toBe(plain.body.length);
    expect(zipped.lines.slice(0, -1)).toEqual(plain.lines.slice(0, -1));
    const refused = await rawRequest(instance, 'GET', '/v1/sync/pull?schemaVersion=1', {
      headers: { authorization: `Bearer ${service}`, 'accept-encoding': 'gzip;q=0, identity' },
    });
    expect(refused.headers['content-encoding']).toBeUndefined();
  });

  it('acks the lastSeq of the staff member’s own client, 0 for an unknown one, nothing for another’s', async () => {
    const own = randomUUID();
    const others = randomUUID();
    await sql`insert into sync_clients (client_id, staff_id, last_seq) values (${own}, ${SYNC_STAFF.consultantA.id}, 7), (${others}, ${SYNC_STAFF.consultantB.id}, 3)`.execute(
      instance.db,
    );
    const acked = (await pullOnce(instance, consultant, { clientId: own })).lines;
    expect(acked.at(-2)).toEqual({ t: 'ack', lastSeq: 7 });
    expect((await pullOnce(instance, consultant, { clientId: randomUUID() })).lines.at(-2)).toEqual({ t: 'ack', lastSeq: 0 });
    expect((await pullOnce(instance, consultant, { clientId: others })).lines.filter((line) => line.t === 'ack')).toEqual([]);
    expect((await pullOnce(instance, consultant)).lines.filter((line) => line.t === 'ack')).toEqual([]);
  });

  it('cuts the connection off without an end line when it fails mid-stream, and serves the next pull', async () => {
    // Batches are read up to two ahead of the one written (two snapshot readers on PostgreSQL):
    // failing the fourth read still leaves at least the first batch written.
    failBatch = 3;
    try {
      const answer = await rawRequest(instance, 'GET', '/v1/sync/pull?schemaVersion=1', { headers: { authorization: `Bearer ${service}` } });
      expect(answer.status).toBe(200);
      expect(answer.aborted).toBe(true);
      const text = answer.body.toString('utf8');
      expect(text).toContain('"t":"begin"');
      expect(text).toContain('"t":"put"');
      expect(text).not.toContain('"t":"end"');
    } finally {
      failBatch = undefined;
    }
    const next = await pullOnce(instance, service);
    expect(next.status).toBe(200);
    expect(next.lines.at(-1)).toMatchObject({ t: 'end' });
  });

  it('cuts a gzipped stream off the same way', async () => {
    failBatch = 3;
    try {
      const answer = await rawRequest(instance, 'GET', '/v1/sync/pull?schemaVersion=1', {
        headers: { authorization: `Bearer ${service}`, 'accept-encoding': 'gzip' },
      });
      expect(answer.status).toBe(200);
      expect(answer.aborted).toBe(true);
      expect(() => gunzipSync(answer.body)).toThrow();
    } finally {
      failBatch = undefined;
    }
  });

  it('answers 410 RESYNC_REQUIRED for a cursor older than the pruned tombstones', async () => {
    const before = (await pullAll(instance, consultant)).cursor;
    await sql`delete from quote_comments where id = 'sy-qc-a'`.execute(instance.db);
    const pruned = await pruneTombstones(instance.db, new Date(Date.now() + 60_000));
    expect(pruned.tombstones).toBeGreaterThanOrEqual(1);
    const stale = await pullOnce(instance, consultant, { cursor: before });
    expect(stale.status).toBe(410);
    expect(errorCode(stale)).toBe('RESYNC_REQUIRED');
    // The way out: a new snapshot, whose cursor is served again.
    const snapshot = await pullOnce(instance, consultant);
    expect(snapshot.status).toBe(200);
    const after = await pullOnce(instance, consultant, { cursor: cursorOf(snapshot.lines) });
    expect(after.status).toBe(200);
    expect(delKeys(after.lines)).toEqual([]);
  });

  it('keeps the pruning horizon from going backwards', async () => {
    const first = await pruneTombstones(instance.db, new Date(Date.now() + 60_000));
    const second = await pruneTombstones(instance.db, new Date(0));
    expect(second.horizon).toBe(first.horizon);
    const stored = await instance.db.selectFrom('service_meta').select('value').where('key', '=', 'sync_prune_horizon').executeTakeFirstOrThrow();
    expect(BigInt(stored.value)).toBe(first.horizon);
  });
});
