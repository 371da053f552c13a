import { connect, type Socket } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, useTestDatabases } from './backends';
import { quietFor } from './eventsFixture';
import { BRANCH_A, seedSyncWorld, startSyncInstance, tokenFor, type SyncInstance } from './pullFixture';

const CUSTOMERS = 20_000;
const BATCH_ROWS = 500;

// The pull reads the next batch from the database only when the socket has taken the last one:
// a client that stops reading stops the reads (memory stays bounded), and the pull finishes
// when it reads again.
describe.each(BACKENDS)('GET /v1/sync/pull backpressure (%s)', (kind) => {
  const databases = useTestDatabases(kind);
  let instance: SyncInstance;
  let token: string;
  let batches = 0;

  beforeAll(async () => {
    instance = await startSyncInstance(databases.config(), {
      pull: {
        limits: {
          batchRows: BATCH_ROWS,
          beforeBatch() {
            batches++;
          },
        },
      },
    });
    await seedSyncWorld(instance.db);
    // About 1.3 kB per line: some 26 MB in all, far more than the socket buffers hold.
    await sql`insert into customers (id, customer_number, org_number, name, branch_id)
      select 'bp-' || i, 'BP-' || i, '923609016', repeat('Lys og Strøm AS ', 80), ${BRANCH_A} from generate_series(1, ${CUSTOMERS}) i`.execute(instance.db);
    token = await tokenFor(instance, 'service');
  });
  afterAll(async () => {
    await instance?.close();
  });

  it('stops reading the database while the client reads nothing, and finishes when it reads again', async () => {
    const socket: Socket = connect(instance.port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.pause();
    socket.write(`GET /v1/sync/pull?schemaVersion=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\nAccept-Encoding: identity\r\nConnection: close\r\n\r\n`);
    // Let the server fill every buffer it can.
    let stalledAt = -1;
    for (let i = 0; i < 50 && batches !== stalledAt; i++) {
      stalledAt = batches;
      await quietFor(200);
    }
    const total = Math.ceil(CUSTOMERS / BATCH_ROWS);
    expect(stalledAt).toBeGreaterThan(0);
    expect(stalledAt).toBeLessThan(total * 0.6);

    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.resume();
    await new Promise<void>((resolve) => socket.once('end', () => resolve()));
    const text = Buffer.concat(chunks).toString('utf8');
    expect(text.startsWith('HTTP/1.1 200')).toBe(true);
    expect(text).toContain('{"t":"end","cursor":');
    expect(text.split('"t":"put","table":"customers"').length - 1).toBe(CUSTOMERS + 2);
    expect(batches).toBeGreaterThanOrEqual(total);
  });
});
