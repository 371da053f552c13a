import { sql, type Kysely, type RawBuilder } from 'kysely';
import { syncRowSchemas, type SyncTableName } from '../../electron/shared/sync/rows';
import type { Database } from '../db';
import type { PullPhase } from './pullCursor';
import { BRANCH_TABLES, GLOBAL_TABLES, type PullScope } from './visibility';

// The SQL of one pull phase. PostgreSQL writes each NDJSON line itself (row_to_json: compact,
// ISO timestamps) and joins a whole batch into one text value, so Node neither parses nor
// re-serialises rows, and a batch of thousands of rows is one value on the wire.

/** Versions a phase reads: after < version ≤ upto. */
export interface VersionWindow {
  after: bigint;
  upto: bigint;
}

/** One batch of a phase: how many lines, the last version among them, the lines joined by \n. */
export interface PullBatch {
  count: number;
  last: bigint;
  lines: string;
}

type Source = RawBuilder<unknown>;

/** How many lines `phase` has in `window` for `scope`, counting no further than `cap`. */
export async function countPhase(db: Kysely<Database>, phase: PullPhase, scope: PullScope, window: VersionWindow, cap: number): Promise<number> {
  const result = await sql<{ n: number }>`select count(*)::int as n from (${source(phase, scope, window, false)} limit ${cap}) c`.execute(db);
  return result.rows[0]?.n ?? 0;
}

/**
 * The at most `limit` lines of `phase` in `window` with the lowest versions. Their order inside
 * the batch is left to PostgreSQL (an ORDER BY in string_agg costs a sort per batch, and nothing
 * depends on it: a batch is applied whole, and only its highest version moves the keyset on).
 */
export async function fetchBatch(db: Kysely<Database>, phase: PullPhase, scope: PullScope, window: VersionWindow, limit: number): Promise<PullBatch> {
  const result = await sql<{ n: number; last: string | null; lines: string | null }>`
    select count(*)::int as n, max(version)::text as last, string_agg(line, E'\n') as lines
    from (select version, line from (${source(phase, scope, window, true)}) s order by version limit ${limit}) b`.execute(db);
  const row = result.rows[0];
  if (row === undefined || row.n === 0) return { count: 0, last: window.after, lines: '' };
  return { count: row.n, last: BigInt(row.last ?? window.after), lines: row.lines ?? '' };
}

// `withLines: false` leaves out the JSON, for counting: the set of rows is the same.
function source(phase: PullPhase, scope: PullScope, window: VersionWindow, withLines: boolean): Source {
  return phase === 'del' ? deletions(scope, window, withLines) : puts(phase, scope, window, withLines);
}

// `select version, line` of the visible rows of `table` in the window. Columns are the wire
// row's fields (rows.ts): `version` and staff's login columns never leave the server.
function puts(table: SyncTableName, scope: PullScope, window: VersionWindow, withLines: boolean): Source {
  const [after, upto] = [window.after.toString(), window.upto.toString()];
  const select = withLines
    ? sql`select t.version, ${sql.raw(putPrefix(table))} || row_to_json(r)::text || '}' as line
      from ${sql.table(table)} t cross join lateral (select ${sql.raw(columnList(table))}) r
      where t.version > ${after} and t.version <= ${upto}`
    : sql`select t.version from ${sql.table(table)} t where t.version > ${after} and t.version <= ${upto}`;
  if (GLOBAL_TABLES.has(table) || scope.kind === 'all') return select;
  if (scope.kind === 'none') return sql`${select} and false`;
  return sql`${select} and t.branch_id = ${scope.branchId}`;
}

// `select version, line` of the `del` lines in the window: tombstones that concern the scope,
// and, for branch staff, rows that left their branch and are not back in it.
function deletions(scope: PullScope, window: VersionWindow, withLines: boolean): Source {
  const [after, upto] = [window.after.toString(), window.upto.toString()];
  const tombstoneLine = withLines ? sql`, '{"t":"del","table":' || to_json(s.table_name)::text || ',"id":' || to_json(s.row_id)::text || '}' as line` : sql``;
  const tombstones = sql`select s.version ${tombstoneLine} from sync_tombstones s where s.version > ${after} and s.version <= ${upto}`;
  const globalTombstone = sql.raw(`s.table_name in (${[...GLOBAL_TABLES].map((table) => `'${table}'`).join(', ')})`);
  if (scope.kind === 'all') return tombstones;
  if (scope.kind === 'none') return sql`${tombstones} and ${globalTombstone}`;
  const branchId = scope.branchId;
  const moveLine = withLines ? sql`, '{"t":"del","table":' || to_json(m.table_name)::text || ',"id":' || to_json(m.row_id)::text || '}' as line` : sql``;
  const moves = sql`select m.version ${moveLine} from sync_branch_moves m where m.version > ${after} and m.version <= ${upto} and m.from_branch_id = ${branchId}
    and not (${stillInBranch(branchId)})`;
  return sql`${tombstones} and (${globalTombstone} or s.branch_id = ${branchId}) union all ${moves}`;
}

// Whether the row a move names is (again) in `branchId`: then it is sent as a put, not a del.
function stillInBranch(branchId: string): Source {
  const cases = BRANCH_TABLES.map(
    (table) => sql`when ${table} then exists (select 1 from ${sql.table(table)} x where x.id = m.row_id and x.branch_id = ${branchId})`,
  );
  return sql`case m.table_name ${sql.join(cases, sql` `)} else false end`;
}

const putPrefixes = new Map<SyncTableName, string>();
const columnLists = new Map<SyncTableName, string>();

function putPrefix(table: SyncTableName): string {
  let prefix = putPrefixes.get(table);
  if (prefix === undefined) {
    prefix = `'${JSON.stringify({ t: 'put', table }).slice(0, -1)},"row":'`;
    putPrefixes.set(table, prefix);
  }
  return prefix;
}

function columnList(table: SyncTableName): string {
  let list = columnLists.get(table);
  if (list === undefined) {
    list = Object.keys(syncRowSchemas[table].shape)
      .map((column) => `t."${column}"`)
      .join(', ');
    columnLists.set(table, list);
  }
  return list;
}
