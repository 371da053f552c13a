import { sql, type Kysely, type RawBuilder } from 'kysely';
import { syncRowSchemas, type SyncTableName } from '../../electron/shared/sync/rows';
import type { Database } from '../db';
import type { PullPhase } from './pullCursor';
import { BRANCH_TABLES, GLOBAL_TABLES, type PullScope } from './visibility';

// The SQL of one pull phase. PostgreSQL writes each NDJSON line itself (row_to_json: compact,
// ISO timestamps) and joins a whole batch into one text value, so Node neither parses nor
// re-serialises rows, and a batch of thousands of rows is one value on the wire. A page is
// planned from the version index first (planPhase), so its batches can be read independently.

/** Versions a phase reads: after < version ≤ upto. */
export interface VersionWindow {
  after: bigint;
  upto: bigint;
}

type Source = RawBuilder<unknown>;

/** The batches of one phase within a page: their upper bounds, so each can be read on its own. */
export interface PhasePlan {
  /** Lines of the phase in this page (at most the room asked for). */
  count: number;
  /** Whether the phase has lines beyond `count` in the window. */
  more: boolean;
  /** Upper version bound of each batch, ascending; batch i is (bounds[i-1] or window.after, bounds[i]]. */
  bounds: bigint[];
}

/**
 * Plans `phase` in `window`: how many of its lines fit in `room`, and the version bounds of
 * batches of `batchRows` lines. Reads only the version index (no JSON), so planning a whole page
 * first lets its batches be read in parallel, on connections that share the pull's snapshot.
 * Each full batch's bound is one probe (the batchRows-th version after the previous bound, an
 * index-only walk); the short tail and whether more lines follow are one small query.
 */
export async function planPhase(db: Kysely<Database>, phase: PullPhase, scope: PullScope, window: VersionWindow, room: number, batchRows: number): Promise<PhasePlan> {
  const bounds: bigint[] = [];
  let after = window.after;
  let left = room;
  while (left >= batchRows) {
    const probe = await sql<{ v: string }>`select version::text as v from (${source(phase, scope, { after, upto: window.upto }, false)}) s
      order by version offset ${batchRows - 1} limit 1`.execute(db);
    const bound = probe.rows[0]?.v;
    if (bound === undefined) break;
    bounds.push(BigInt(bound));
    after = BigInt(bound);
    left -= batchRows;
  }
  const tail = await sql<{ n: number; last: string | null }>`select count(*)::int as n, max(version) filter (where rn <= ${left})::text as last
    from (select version, row_number() over (order by version) as rn
      from (${source(phase, scope, { after, upto: window.upto }, false)} order by version limit ${left + 1}) v) w`.execute(db);
  const n = tail.rows[0]?.n ?? 0;
  const last = tail.rows[0]?.last;
  if (last != null && Math.min(n, left) > 0) bounds.push(BigInt(last));
  return { count: room - left + Math.min(n, left), more: n > left, bounds };
}

/** The lines of `phase` with after < version ≤ upto, joined by \n, and how many there are. */
export async function fetchRange(db: Kysely<Database>, phase: PullPhase, scope: PullScope, window: VersionWindow): Promise<{ count: number; lines: string }> {
  // No ORDER BY: a batch is applied whole, and its bounds, not its order, move the cursor on.
  const result = await sql<{ n: number; lines: string | null }>`
    select count(*)::int as n, string_agg(line, E'\n') as lines from (${source(phase, scope, window, true)}) b`.execute(db);
  const row = result.rows[0];
  return { count: row?.n ?? 0, lines: row?.lines ?? '' };
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
