import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { verify } from '@node-rs/argon2';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidOrgNumber } from '../../../electron/shared/domain/orgNumber';
import { syncRowSchemas } from '../../../electron/shared/sync/rows';
import { findRepoRoot } from '../../../server/config';
import { migrate, openDatabase, type Database, type DbHandle } from '../../../server/db';
import { DEMO_LOGINS, insertOrder, seedDatabase, seedIfEmpty, SeedRefusedError, type SeedResult } from '../../../server/seed';
import { BACKENDS, dbEnv, useTestDatabases } from './backends';

const REFERENCE = '2026-11-20T12:00:00.000Z';
const REF_MS = Date.parse(REFERENCE);
const HOUR = 3_600_000;
const SEEDING = 300_000;
const repoRoot = findRepoRoot();
const run = promisify(execFile);

async function count(db: Kysely<Database>, query: string): Promise<number> {
  const result = await sql<{ n: string | number }>`${sql.raw(query)}`.execute(db);
  return Number(result.rows[0]?.n ?? 0);
}

// Every seeded row of every table but the trigger-stamped `version`, ordered by id.
async function digest(db: Kysely<Database>): Promise<string> {
  const parts: string[] = [];
  for (const table of insertOrder) {
    const result = await sql<{ d: string }>`select md5(coalesce(string_agg((to_jsonb(t) - 'version')::text, E'\n' order by t.id), '')) as d
      from ${sql.table(table)} t`.execute(db);
    parts.push(`${table}:${result.rows[0]?.d ?? ''}`);
  }
  return parts.join(' ');
}

async function open(config: Parameters<typeof openDatabase>[0]): Promise<DbHandle> {
  const handle = await openDatabase(config);
  await migrate(handle.db);
  return handle;
}

describe.each(BACKENDS)('seed data (%s)', (kind) => {
  const databases = useTestDatabases(kind);
  let handle: DbHandle | undefined;
  let seeded: SeedResult;
  let firstDigest: string;
  const db = (): Kysely<Database> => {
    if (handle === undefined) throw new Error('database not open');
    return handle.db;
  };

  beforeAll(async () => {
    handle = await open(databases.config());
    seeded = await seedDatabase(handle.db, { size: 'S', seed: 1, referenceTime: REFERENCE });
    firstDigest = await digest(handle.db);
  }, SEEDING);
  afterAll(async () => {
    await handle?.close();
  });

  it('makes size S: 500 customers, 5 000 orders, about 25 000 lines, 300 open quotes, four demo logins', async () => {
    expect(await count(db(), 'select count(*) as n from customers')).toBe(500);
    expect(await count(db(), 'select count(*) as n from orders')).toBe(5_000);
    const lines = await count(db(), 'select count(*) as n from order_lines');
    // The line count per order is random (mean 5); ±10 % covers any seed.
    expect(lines).toBeGreaterThan(22_500);
    expect(lines).toBeLessThan(27_500);
    expect(await count(db(), `select count(*) as n from quotes where status in ('requested', 'in_progress', 'revision_requested')`)).toBe(300);
    expect(await count(db(), `select count(*) as n from staff where username like '%@demo'`)).toBe(4);
    for (const table of insertOrder) {
      expect(await count(db(), `select count(*) as n from ${table}`), table).toBe(seeded.counts[table]);
      expect(seeded.counts[table], `${table} has rows`).toBeGreaterThan(0);
    }
    const statuses = await sql<{ status: string }>`select distinct status from quotes`.execute(db());
    expect(statuses.rows.map((row) => row.status).sort()).toEqual(['accepted', 'answered', 'declined', 'expired', 'in_progress', 'requested', 'revision_requested']);
    const lineStates = await sql<{ status: string }>`select distinct status from order_lines`.execute(db());
    expect(lineStates.rows.map((row) => row.status).sort()).toEqual(['cancelled', 'delivered', 'in_preparation', 'open', 'shipped']);
    const categories = await count(db(), 'select count(distinct category) as n from contact_messages');
    expect(categories).toBe(7);
  });

  it('gives every customer a valid, unique org number and every address a 4-digit postal code', async () => {
    const orgs = await sql<{ org_number: string }>`select org_number from customers`.execute(db());
    expect(orgs.rows.filter((row) => !isValidOrgNumber(row.org_number))).toEqual([]);
    expect(new Set(orgs.rows.map((row) => row.org_number)).size).toBe(orgs.rows.length);
    expect(await count(db(), `select count(*) as n from addresses where postal_code !~ '^[0-9]{4}$'`)).toBe(0);
    expect(await count(db(), `select count(*) as n from customers c where (select count(*) from addresses a where a.customer_id = c.id and kind = 'delivery') not between 1 and 3`)).toBe(0);
  });

  it('hashes the demo logins with argon2id so that "demo" verifies; other staff cannot log in', async () => {
    const staff = await db().selectFrom('staff').select(['username', 'role', 'branch_id', 'password_hash']).execute();
    for (const login of DEMO_LOGINS) {
      const row = staff.find((candidate) => candidate.username === login.username);
      expect(row?.role, login.username).toBe(login.role);
      expect(row?.password_hash).toMatch(/^\$argon2id\$/);
      expect(await verify(row?.password_hash ?? '', 'demo'), login.username).toBe(true);
    }
    expect(staff.find((row) => row.username === 'consultant@demo')?.branch_id).not.toBeNull();
    const other = staff.find((row) => !row.username.endsWith('@demo'));
    expect(other?.password_hash).toMatch(/^\$argon2id\$/);
    expect(await verify(other?.password_hash ?? '', 'demo')).toBe(false);
    expect(seeded.logins.map((login) => login.username)).toEqual(DEMO_LOGINS.map((login) => login.username));
  });

  it('spreads the open quotes over the SLA window: some breached, some due within 4 h, most later', async () => {
    const open = await sql<{ requested_at: string; due_at: string }>`select requested_at, due_at from quotes
      where status in ('requested', 'in_progress', 'revision_requested')`.execute(db());
    const due = open.rows.map((row) => Date.parse(row.due_at));
    const requested = open.rows.map((row) => Date.parse(row.requested_at));
    const breached = due.filter((at) => at < REF_MS).length;
    const soon = due.filter((at) => at >= REF_MS && at < REF_MS + 4 * HOUR).length;
    const later = due.filter((at) => at >= REF_MS + 4 * HOUR).length;
    expect(breached).toBeGreaterThan(10);
    expect(soon).toBeGreaterThan(10);
    expect(later).toBeGreaterThan(breached + soon);
    expect(Math.min(...requested)).toBeGreaterThanOrEqual(REF_MS - 30 * HOUR);
    expect(Math.max(...requested)).toBeLessThanOrEqual(REF_MS);
  });

  it('writes rows that every synced table’s zod schema accepts', async () => {
    for (const table of insertOrder) {
      // staff's login columns never cross the wire.
      const hidden = sql.raw(table === 'staff' ? `- 'username' - 'password_hash' - 'created_at'` : '');
      const result = await sql<{ row: unknown }>`select to_jsonb(t) - 'version' ${hidden} as row from ${sql.table(table)} t`.execute(db());
      const failures = result.rows.map((row) => syncRowSchemas[table].safeParse(row.row)).filter((parsed) => !parsed.success);
      expect(failures.slice(0, 3), table).toEqual([]);
      expect(result.rows.length, table).toBe(seeded.counts[table]);
    }
  });

  it('keeps lines, shipments, invoices, returns and histories consistent', async () => {
    const checks: Record<string, string> = {
      'shipped or delivered lines without a shipment': `select count(*) as n from order_lines where (status in ('shipped', 'delivered')) <> (shipment_id is not null)`,
      'delivered lines whose shipment is not delivered': `select count(*) as n from order_lines l join shipments s on s.id = l.shipment_id where (l.status = 'delivered') <> (s.delivered_at is not null)`,
      'shipments without an invoice': `select count(*) as n from shipments s left join invoices i on i.shipment_id = s.id where i.id is null`,
      // Each invoice charges the goods its shipment carried; a bulky order's surcharge is on exactly one.
      'invoices not matching their shipped goods': `with goods as (select shipment_id, sum((qty - cancelled_qty) * unit_price_ore) as ore
          from order_lines where shipment_id is not null group by shipment_id),
        charged as (select i.order_id, i.amount_ore - g.ore as extra, o.bulky_surcharge_ore as surcharge
          from invoices i join goods g on g.shipment_id = i.shipment_id join orders o on o.id = i.order_id)
        select count(*) as n from (select sum(extra) as extra, max(surcharge) as surcharge, bool_and(extra in (0, surcharge)) as ok
          from charged group by order_id) c where not c.ok or c.extra <> c.surcharge`,
      'anything after the reference time': `select count(*) as n from (select placed_at as t from orders union all select shipped_at from shipments
        union all select delivered_at from shipments union all select at from quote_events union all select received_at from contact_messages
        union all select requested_at from returns union all select changed_at from loyalty_tier_changes union all select at from migration_events) x where t > '${REFERENCE}'`,
      'returned lines that were not delivered': `select count(*) as n from return_lines rl join order_lines l on l.id = rl.order_line_id where l.status <> 'delivered' or rl.qty > l.qty - l.cancelled_qty`,
      'tier histories not ending at the current tier': `select count(*) as n from customers c join lateral (select to_tier from loyalty_tier_changes t where t.customer_id = c.id order by changed_at desc, id desc limit 1) last on true where last.to_tier <> c.loyalty_tier`,
      'migration histories not ending at the current state': `select count(*) as n from customers c join lateral (select to_state from migration_events m where m.customer_id = c.id order by at desc, id desc limit 1) last on true where last.to_state <> c.migration_state`,
      'cost prices not below list prices': `select count(*) as n from products where cost_price_ore >= list_price_ore`,
      'accepted quotes without their order': `select count(*) as n from quotes q where q.status = 'accepted' and not exists (select 1 from orders o where o.id = q.order_id and o.quote_id = q.id)`,
    };
    for (const [problem, query] of Object.entries(checks)) expect(await count(db(), query), problem).toBe(0);
  });

  it('refuses a database that has data unless asked to reset; seedIfEmpty leaves it alone', async () => {
    await expect(seedDatabase(db(), { size: 'S', seed: 7, referenceTime: REFERENCE })).rejects.toBeInstanceOf(SeedRefusedError);
    expect(await seedIfEmpty(db(), { size: 'S', seed: 7, referenceTime: REFERENCE })).toBeNull();
    expect(await digest(db())).toBe(firstDigest);
  });

  it('npm run seed refuses it too, and rejects a bad size with a clear message', async () => {
    // One process per PGlite folder: let the script have it while it runs.
    await handle?.close();
    handle = undefined;
    try {
      const env = { ...process.env, ...dbEnv(databases.config()) };
      const tsx = join(repoRoot, 'node_modules', '.bin', 'tsx');
      const refused = run(tsx, ['scripts/seed.ts', '--size', 'S'], { cwd: repoRoot, env });
      await expect(refused).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('already has data (500 customers') as unknown });
      const bad = run(tsx, ['scripts/seed.ts', '--size', 'XL'], { cwd: repoRoot, env });
      await expect(bad).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('Unknown size "XL": use one of S, M, L.') as unknown });
    } finally {
      handle = await open(databases.config());
    }
  }, 60_000);

  it('gives byte-identical data for the same seed and reference time, different data for another seed', async () => {
    const other = await open(await databases.fresh());
    try {
      const again = await seedIfEmpty(other.db, { size: 'S', seed: 1, referenceTime: REFERENCE });
      expect(again?.counts).toEqual(seeded.counts);
      expect(await digest(other.db)).toBe(firstDigest);
      // --reset deletes everything first, in the same transaction, so nothing of seed 1 is left,
      // and leaves a tombstone for each deleted row so clients hear of it.
      expect(await count(other.db, 'select count(*) as n from sync_tombstones')).toBe(0);
      const reseeded = await seedDatabase(other.db, { size: 'S', seed: 2, referenceTime: REFERENCE, reset: true });
      expect(await count(other.db, 'select count(*) as n from customers')).toBe(500);
      expect(await count(other.db, 'select count(*) as n from orders')).toBe(5_000);
      expect(await count(other.db, 'select count(*) as n from sync_tombstones')).toBe(again?.rows);
      expect(await count(other.db, `select count(*) as n from sync_tombstones where table_name = 'order_lines' and branch_id is null`)).toBe(0);
      const differs = await digest(other.db);
      expect(differs).not.toBe(firstDigest);
      // --reset left nothing of seed 1's world behind.
      const firstIds = await sql<{ id: string }>`select id from customers order by id limit 20`.execute(db());
      const survivors = await sql<{ id: string }>`select id from customers where id in (${sql.join(firstIds.rows.map((row) => row.id))})`.execute(other.db);
      expect(survivors.rows).toEqual([]);
      for (const table of insertOrder) expect(await count(other.db, `select count(*) as n from ${table}`), table).toBe(reseeded.counts[table]);
    } finally {
      await other.close();
    }
  }, SEEDING * 2);
});
