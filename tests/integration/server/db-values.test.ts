import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DbHandle } from '../../../server/db';
import { BACKENDS, useTestDatabases } from './backends';

// server/db/tables.ts types timestamptz and date columns as strings; both drivers must hand them
// over as exactly those strings, whatever the session's TimeZone (server/db/open.ts).

/** Stored value (as PostgreSQL reads it) → what a query must return. */
const TIMESTAMPS: ReadonlyArray<readonly [string, string]> = [
  ['2026-11-21T09:30:00Z', '2026-11-21T09:30:00.000Z'],
  // Summer time in Oslo (+02), and there already the next day.
  ['2026-06-21T22:30:00Z', '2026-06-21T22:30:00.000Z'],
  ['2026-11-21T10:30:00+01:00', '2026-11-21T09:30:00.000Z'],
  // Microseconds are truncated to milliseconds, never rounded up into the next one.
  ['2026-11-21T09:30:00.123456Z', '2026-11-21T09:30:00.123Z'],
  ['2026-11-21T09:30:59.999999Z', '2026-11-21T09:30:59.999Z'],
  ['2026-11-21T09:30:00.5Z', '2026-11-21T09:30:00.500Z'],
  // Local mean time in Oslo (until 1895), Monrovia's -00:44:30 (until 1972): odd offsets.
  ['1890-06-01T12:00:00Z', '1890-06-01T12:00:00.000Z'],
  ['1950-01-01T12:00:00Z', '1950-01-01T12:00:00.000Z'],
  // Years 0-99 (which Date.UTC would take for 1900-1999), before 1 and after 9999.
  ['0099-12-31T23:59:59Z', '0099-12-31T23:59:59.000Z'],
  ['0044-03-15 12:00:00+00 BC', '-000043-03-15T12:00:00.000Z'],
  ['10000-01-01T00:00:00Z', '+010000-01-01T00:00:00.000Z'],
];

const DATES = ['2026-11-21', '2026-06-22', '0099-01-01'] as const;

// Whole-hour, half-hour and negative offsets, and offsets with seconds in the past.
const ZONES = ['UTC', 'Europe/Oslo', 'Asia/Kolkata', 'America/St_Johns', 'Africa/Monrovia'] as const;

interface ProbeRow {
  id: number;
  at: string | null;
  at_text: string | null;
  day: string | null;
}

describe.each(BACKENDS)('timestamptz and date values as strings (%s)', (kind) => {
  const databases = useTestDatabases(kind);
  let handle: DbHandle;

  beforeAll(async () => {
    handle = await openDatabase(databases.config());
    await sql`create table value_probe (id int primary key, at timestamptz, day date)`.execute(handle.db);
    for (const [index, [stored]] of TIMESTAMPS.entries()) {
      await sql`insert into value_probe (id, at, day) values (${index}, ${stored}::timestamptz, ${DATES[index % DATES.length]}::date)`.execute(handle.db);
    }
    await sql`insert into value_probe (id, at, day) values (-1, null, null)`.execute(handle.db);
  });
  afterAll(async () => {
    await handle?.close();
  });

  // `set local` ends with the transaction, so no pooled connection keeps the zone.
  async function readIn(zone: string): Promise<ProbeRow[]> {
    return handle.db.transaction().execute(async (trx) => {
      await sql`select set_config('TimeZone', ${zone}, true)`.execute(trx);
      const result = await sql<ProbeRow>`select id, at, at::text as at_text, day from value_probe order by id`.execute(trx);
      return result.rows;
    });
  }

  it.each(ZONES)('reads them as toISOString() and YYYY-MM-DD strings with the session TimeZone at %s', async (zone) => {
    const rows = await readIn(zone);
    expect(rows[0]).toEqual({ id: -1, at: null, at_text: null, day: null });
    const probes = rows.slice(1);
    expect(probes.map((row) => row.at)).toEqual(TIMESTAMPS.map(([, expected]) => expected));
    expect(probes.map((row) => row.day)).toEqual(TIMESTAMPS.map((_, index) => DATES[index % DATES.length]));
    for (const row of probes) {
      expect(typeof row.at).toBe('string');
      // Exactly the format of Date.prototype.toISOString().
      expect(new Date(row.at ?? '').toISOString()).toBe(row.at);
    }
  });

  it('gets the session text in the zone it was set to (so the tests above really change zones)', async () => {
    const oslo = await readIn('Europe/Oslo');
    expect(oslo.find((row) => row.id === 0)?.at_text).toBe('2026-11-21 10:30:00+01');
    expect(oslo.find((row) => row.id === 1)?.at_text).toBe('2026-06-22 00:30:00+02');
    expect(oslo.find((row) => row.id === 3)?.at_text).toBe('2026-11-21 10:30:00.123456+01');
    // Oslo's local mean time depends on the engine's tzdata (newer releases give it Berlin's
    // +00:53:28), so only its form is checked.
    expect(oslo.find((row) => row.id === 6)?.at_text).toMatch(/^1890-06-01 12:\d\d:\d\d\+00:\d\d(?::\d\d)?$/);
    const monrovia = await readIn('Africa/Monrovia');
    expect(monrovia.find((row) => row.id === 7)?.at_text).toBe('1950-01-01 11:15:30-00:44:30');
    const kolkata = await readIn('Asia/Kolkata');
    expect(kolkata.find((row) => row.id === 0)?.at_text).toBe('2026-11-21 15:00:00+05:30');
  });

  it('reads arrays of them element by element, nulls kept', async () => {
    const result = await handle.db.transaction().execute(async (trx) => {
      await sql`select set_config('TimeZone', 'Europe/Oslo', true)`.execute(trx);
      return sql<{ ats: Array<string | null>; days: Array<string | null> }>`select
        array['2026-11-21T09:30:00.123456Z'::timestamptz, null, '2026-06-21T22:30:00Z'::timestamptz] as ats,
        array['2026-11-21'::date, null] as days`.execute(trx);
    });
    expect(result.rows).toEqual([{ ats: ['2026-11-21T09:30:00.123Z', null, '2026-06-21T22:30:00.000Z'], days: ['2026-11-21', null] }]);
  });

  it("leaves pg's global type parsers alone (other code in the process may share the pg module)", async () => {
    // pg-types types every parser as `any`.
    const globalParser = pg.types.getTypeParser as (oid: number) => (value: string) => unknown;
    const parseGlobally = globalParser(1184);
    expect(parseGlobally('2026-11-21 10:30:00+01')).toBeInstanceOf(Date);
    const config = databases.config();
    if (config.kind !== 'postgres') return;
    // A plain client on the same database still gets pg's defaults.
    const client = new pg.Client({ connectionString: config.url });
    await client.connect();
    try {
      const result = await client.query<{ at: unknown }>(`select '2026-11-21T09:30:00Z'::timestamptz as at`);
      expect(result.rows[0]?.at).toBeInstanceOf(Date);
    } finally {
      await client.end();
    }
  });

  it('reads what the database stamps itself (now()) as an ISO string of the current time', async () => {
    const before = Date.now();
    const result = await sql<{ now: string }>`select now() as now`.execute(handle.db);
    const now = result.rows[0]?.now ?? '';
    expect(now).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(Math.abs(Date.parse(now) - before)).toBeLessThan(60_000);
  });
});
